using Mediator;
using Multica.Application.Actors;
using Multica.Application.Comments.Shared;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Reactions.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Reactions.CommentReactions;

/// <summary>POST /api/comments/{commentId}/reactions {"emoji"}: 201 with the reaction (the existing one when repeated).</summary>
public sealed record AddCommentReactionCommand(string WorkspaceId, string CommentId, ActorHints Actor, string? Emoji)
    : ICommand<ReactionDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

/// <summary>DELETE /api/comments/{commentId}/reactions {"emoji"}: 204, also when the caller had no such reaction.</summary>
public sealed record RemoveCommentReactionCommand(string WorkspaceId, string CommentId, ActorHints Actor, string? Emoji)
    : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CommentReactionHandlers(
    CommentAccess access,
    IIssueRepository issues,
    IActorResolver actors,
    IReactionRepository reactions,
    ReactionEvents events,
    TimeProvider time) : ICommandHandler<AddCommentReactionCommand, ReactionDto>, ICommandHandler<RemoveCommentReactionCommand, Unit>
{
    public async ValueTask<ReactionDto> Handle(AddCommentReactionCommand c, CancellationToken ct)
    {
        var (comment, emoji, actor) = await ResolveAsync(c.CommentId, c.Emoji, c.Actor, ct);
        var dto = ReactionDto.From(await reactions.AddToCommentAsync(comment, actor.Type, actor.Id, emoji, time.GetUtcNow().UtcDateTime, ct));
        events.CommentReactionAdded(dto, comment, await issues.FindAsync(comment.WorkspaceId, comment.IssueId, ct), actor);
        return dto;
    }

    public async ValueTask<Unit> Handle(RemoveCommentReactionCommand c, CancellationToken ct)
    {
        var (comment, emoji, actor) = await ResolveAsync(c.CommentId, c.Emoji, c.Actor, ct);
        await reactions.RemoveFromCommentAsync(comment.Id, actor.Type, actor.Id, emoji, ct);
        events.CommentReactionRemoved(comment, emoji, actor);
        return Unit.Value;
    }

    private async Task<(Comment Comment, string Emoji, Actor Actor)> ResolveAsync(string commentId, string? emoji, ActorHints hints,
        CancellationToken ct)
    {
        var comment = await access.RequireAsync(commentId, ct);
        var required = ReactionRequest.RequireEmoji(emoji);
        return (comment, required, await actors.ResolveAsync(comment.WorkspaceId, hints, ct));
    }
}
