using Multica.Application.Comments.Events;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Comments.Shared;

namespace Multica.Application.Comments.DeleteComment;

/// <summary>DELETE /api/comments/{commentId}: its author or a workspace owner/admin; replies cascade.</summary>
public sealed record DeleteCommentCommand(string WorkspaceId, string CommentId, ActorHints Actor) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeleteCommentHandler(AccessScope scope, CommentAccess access, ICommentRepository comments, IEventPublisher events)
    : ICommandHandler<DeleteCommentCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteCommentCommand command, CancellationToken ct)
    {
        var (comment, actor) = await access.RequireAuthorOrAdminAsync(command.CommentId, command.Actor,
            "only comment author or admin can delete", ct);
        await comments.DeleteAsync(comment.Id, ct);
        events.Publish(new RealtimeEvent("comment:deleted",
            new CommentDeletedPayload(comment.Id, comment.IssueId),
            scope.RequireWorkspaceId(), actor.Type, actor.Id));
        return Unit.Value;
    }
}
