using Multica.Application.Actors;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Comments.Shared;

/// <summary>Comment look-up in the request workspace, and the author-or-admin rule of edit/delete.</summary>
public sealed class CommentAccess(AccessScope scope, IActorResolver actors, ICommentRepository comments)
{
    /// <summary>The comment of the request workspace, or 404 "comment not found" (also for a malformed id).</summary>
    public async Task<Comment> RequireAsync(string commentId, CancellationToken ct) =>
        (Ids.Parse(commentId) is { } id ? await comments.FindAsync(scope.RequireWorkspaceId(), id, ct) : null)
        ?? throw new NotFoundException("comment not found");

    public async Task<(Comment Comment, Actor Actor)> RequireAuthorOrAdminAsync(string commentId, ActorHints hints, string forbidden,
        CancellationToken ct)
    {
        var comment = await RequireAsync(commentId, ct);
        var actor = await actors.ResolveAsync(comment.WorkspaceId, hints, ct);
        var isAuthor = comment.AuthorType == actor.Type && comment.AuthorId == actor.Id;
        if (!isAuthor && !MemberRole.IsOwnerOrAdmin(scope.Member?.Role))
            throw new ForbiddenException(forbidden);
        return (comment, actor);
    }
}
