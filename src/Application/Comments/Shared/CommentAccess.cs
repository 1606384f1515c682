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
    public async Task<(Comment Comment, Actor Actor)> RequireAuthorOrAdminAsync(string commentId, ActorHints hints, string forbidden,
        CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var comment = Ids.Parse(commentId) is { } id ? await comments.FindAsync(workspaceId, id, ct) : null;
        if (comment is null)
            throw new NotFoundException("comment not found");
        var actor = await actors.ResolveAsync(workspaceId, hints, ct);
        var isAuthor = comment.AuthorType == actor.Type && comment.AuthorId == actor.Id;
        if (!isAuthor && !MemberRole.IsOwnerOrAdmin(scope.Member?.Role))
            throw new ForbiddenException(forbidden);
        return (comment, actor);
    }
}
