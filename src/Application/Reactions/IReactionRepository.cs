using Multica.Domain.Entities;

namespace Multica.Application.Reactions;

/// <summary>Emoji reactions on comments and on issues. Adding an existing reaction returns the existing row.</summary>
public interface IReactionRepository
{
    Task<CommentReaction> AddToCommentAsync(Comment comment, string actorType, Guid actorId, string emoji, DateTime now, CancellationToken ct);

    Task RemoveFromCommentAsync(Guid commentId, string actorType, Guid actorId, string emoji, CancellationToken ct);

    /// <summary>The reactions on the given comments, oldest first.</summary>
    Task<IReadOnlyList<CommentReaction>> ListForCommentsAsync(IReadOnlyCollection<Guid> commentIds, CancellationToken ct);

    Task<IssueReaction> AddToIssueAsync(Issue issue, string actorType, Guid actorId, string emoji, DateTime now, CancellationToken ct);

    Task RemoveFromIssueAsync(Guid issueId, string actorType, Guid actorId, string emoji, CancellationToken ct);

    /// <summary>The issue's reactions, oldest first.</summary>
    Task<IReadOnlyList<IssueReaction>> ListForIssueAsync(Guid issueId, CancellationToken ct);
}
