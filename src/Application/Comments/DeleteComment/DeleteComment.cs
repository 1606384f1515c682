using Multica.Application.Common.Realtime;
using Multica.Application.Comments.Events;
using Mediator;
using Multica.Application.Attachments.Shared;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Comments.Shared;

namespace Multica.Application.Comments.DeleteComment;

/// <summary>DELETE /api/comments/{commentId}: its author or a workspace owner/admin; replies and attachments cascade.</summary>
public sealed record DeleteCommentCommand(string WorkspaceId, string CommentId, ActorHints Actor) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeleteCommentHandler(AccessScope scope, CommentAccess access, ICommentRepository comments, AttachmentLifecycle attachments,
    ITransactionRunner transactions, IEventPublisher events)
    : ICommandHandler<DeleteCommentCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteCommentCommand command, CancellationToken ct)
    {
        var (comment, actor) = await access.RequireAuthorOrAdminAsync(command.CommentId, command.Actor,
            "only comment author or admin can delete", ct);
        await transactions.RunAsync(async token =>
        {
            await attachments.RemoveFilesWithCommentAsync(comment.Id, token);
            await comments.DeleteAsync(comment.Id, token);
            return true;
        }, ct);
        events.Publish(new RealtimeEvent(EventTypes.CommentDeleted,
            new CommentDeletedPayload(comment.Id, comment.IssueId),
            scope.RequireWorkspaceId(), actor.Type, actor.Id));
        return Unit.Value;
    }
}
