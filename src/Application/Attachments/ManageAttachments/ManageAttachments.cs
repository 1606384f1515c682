using Mediator;
using Multica.Application.Attachments.Shared;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Issues.Shared;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Attachments.ManageAttachments;

/// <summary>GET /api/issues/{id}/attachments: the issue's own attachments (not its comments'), oldest first.</summary>
public sealed record ListIssueAttachmentsQuery(string WorkspaceId, string IssueId) : IQuery<IReadOnlyList<AttachmentDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

/// <summary>GET /api/attachments/{id}.</summary>
public sealed record GetAttachmentQuery(string WorkspaceId, string AttachmentId) : IQuery<AttachmentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

/// <summary>DELETE /api/attachments/{id}: the member who uploaded it, or a workspace owner/admin; the stored file goes too.</summary>
public sealed record DeleteAttachmentCommand(string WorkspaceId, string AttachmentId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ManageAttachmentsHandlers(
    AccessScope scope,
    ICallerContext caller,
    IssueLookup lookup,
    IAttachmentRepository attachments,
    AttachmentLifecycle lifecycle)
    : IQueryHandler<ListIssueAttachmentsQuery, IReadOnlyList<AttachmentDto>>, IQueryHandler<GetAttachmentQuery, AttachmentDto>,
        ICommandHandler<DeleteAttachmentCommand, Unit>
{
    public const string NotFound = "attachment not found";

    public async ValueTask<IReadOnlyList<AttachmentDto>> Handle(ListIssueAttachmentsQuery q, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(q.IssueId, ct);
        return (await attachments.ListForIssueAsync(issue.WorkspaceId, issue.Id, ct)).Select(AttachmentDto.From).ToList();
    }

    public async ValueTask<AttachmentDto> Handle(GetAttachmentQuery q, CancellationToken ct) => AttachmentDto.From(await RequireAsync(q.AttachmentId, ct));

    public async ValueTask<Unit> Handle(DeleteAttachmentCommand c, CancellationToken ct)
    {
        var attachment = await RequireAsync(c.AttachmentId, ct);
        var isUploader = attachment.UploaderType == ActorType.Member && attachment.UploaderId == caller.RequireUserId();
        if (!isUploader && !MemberRole.IsOwnerOrAdmin(scope.Member?.Role))
            throw new ForbiddenException("not authorized to delete this attachment");
        await attachments.DeleteAsync(attachment.WorkspaceId, attachment.Id, ct);
        await lifecycle.RemoveAfterCommitAsync([attachment.Url], ct);
        return Unit.Value;
    }

    private async Task<Attachment> RequireAsync(string id, CancellationToken ct) =>
        (Ids.Parse(id) is { } parsed ? await attachments.FindAsync(scope.RequireWorkspaceId(), parsed, ct) : null)
        ?? throw new NotFoundException(NotFound);
}
