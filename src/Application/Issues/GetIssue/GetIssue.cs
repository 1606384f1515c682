using Mediator;
using Multica.Application.Attachments;
using Multica.Application.Attachments.Shared;
using Multica.Application.Common.Security;
using Multica.Application.Issues.Shared;
using Multica.Application.Reactions;
using Multica.Application.Reactions.Shared;

namespace Multica.Application.Issues.GetIssue;

/// <summary>GET /api/issues/{id} (UUID or identifier).</summary>
public sealed record GetIssueQuery(string WorkspaceId, string IssueId) : IQuery<IssueDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetIssueHandler(IssueLookup lookup, IReactionRepository reactions, IAttachmentRepository attachments)
    : IQueryHandler<GetIssueQuery, IssueDto>
{
    public async ValueTask<IssueDto> Handle(GetIssueQuery query, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(query.IssueId, ct);
        var issueReactions = await reactions.ListForIssueAsync(issue.Id, ct);
        var files = await attachments.ListForIssueAsync(issue.WorkspaceId, issue.Id, ct);
        return await lookup.ToDtoAsync(issue, ct) with
        {
            Reactions = issueReactions.Count == 0 ? null : issueReactions.Select(IssueReactionDto.From).ToList(),
            Attachments = files.Count == 0 ? null : files.Select(AttachmentDto.From).ToList(),
        };
    }
}
