using Multica.Application.Common.Realtime;
using Multica.Application.Comments.Events;
using FluentValidation;
using Mediator;
using Multica.Application.Attachments.Shared;
using Multica.Application.Actors;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Comments.CreateComment;

/// <summary>POST /api/issues/{id}/comments (docs/api.md).</summary>
public sealed record CreateCommentCommand(
    string WorkspaceId,
    string IssueId,
    ActorHints Actor,
    string? Content,
    string? Type,
    string? ParentId,
    IReadOnlyList<string>? AttachmentIds = null) : ICommand<CommentDto>, IWorkspaceMemberScoped
{
    public const int MaxContentLength = 1_000_000;
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateCommentValidator : AbstractValidator<CreateCommentCommand>
{
    public CreateCommentValidator()
    {
        RuleFor(x => x.Content).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("content is required");
        RuleFor(x => x.Content).Must(c => c is null || c.Length <= CreateCommentCommand.MaxContentLength).WithMessage("content is too long");
        RuleFor(x => x.Type).Must(t => string.IsNullOrEmpty(t) || CommentType.All.Contains(t))
            .WithMessage("invalid comment type; expected one of: " + string.Join(", ", CommentType.All));
        RuleFor(x => x.ParentId).Must(Ids.IsNullOrValid).WithMessage("invalid parent comment");
    }
}

public sealed class CreateCommentHandler(
    AccessScope scope,
    IActorResolver actors,
    IssueLookup lookup,
    IIssueRepository issues,
    ICommentRepository comments,
    ITaskReadRepository tasks,
    CommentTaskTriggers triggers,
    AttachmentLifecycle attachments,
    IEventPublisher events,
    TimeProvider time) : ICommandHandler<CreateCommentCommand, CommentDto>
{
    public async ValueTask<CommentDto> Handle(CreateCommentCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var issue = await lookup.RequireAsync(c.IssueId, ct);

        Comment? parent = null;
        if (!string.IsNullOrWhiteSpace(c.ParentId))
        {
            // Compared with the resolved issue, so replies posted via /issues/<PREFIX>-<N>/comments work.
            parent = await comments.FindAsync(workspaceId, Ids.Parse(c.ParentId)!.Value, ct);
            if (parent is null || parent.IssueId != issue.Id)
                throw new BadRequestException("invalid parent comment");
        }

        var actor = await actors.ResolveAsync(workspaceId, c.Actor, ct);
        if (actor.IsAgent && actor.TaskId is { } taskId && await tasks.FindAsync(taskId, ct) is
                { TriggerCommentId: { } triggerId } task && task.IssueId == issue.Id && parent?.Id != triggerId)
            throw new ConflictException($"parent_id must equal this task's trigger comment id ({triggerId})");

        var prefix = await lookup.PrefixAsync(ct);
        var content = await IssueReferenceExpander.ExpandAsync(c.Content!, prefix,
            numbers => issues.FindIdsByNumbersAsync(workspaceId, numbers, ct));
        var now = time.GetUtcNow().UtcDateTime;
        var comment = new Comment
        {
            Id = Guid.NewGuid(),
            IssueId = issue.Id,
            WorkspaceId = workspaceId,
            AuthorType = actor.Type,
            AuthorId = actor.Id,
            Content = content,
            Type = string.IsNullOrEmpty(c.Type) ? CommentType.Comment : c.Type,
            ParentId = parent?.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await comments.AddAsync(comment, ct);
        var linked = await attachments.LinkToCommentAsync(comment, c.AttachmentIds, ct);

        var dto = CommentDto.From(comment, CommentExtras.None with { Attachments = linked });
        events.Publish(new RealtimeEvent(EventTypes.CommentCreated,
            new CommentCreatedPayload(dto, issue.Title, issue.AssigneeType, issue.AssigneeId, issue.Status), workspaceId, actor.Type, actor.Id));

        await triggers.RunAsync(issue, comment, parent, new CommentAuthor(actor.Type, actor.Id, scope.Member?.Role), ct);
        return dto;
    }
}
