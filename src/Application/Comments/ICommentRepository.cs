using Multica.Domain.Entities;

namespace Multica.Application.Comments;

public interface ICommentRepository
{
    /// <summary>Comments of the issue, oldest first, optionally strictly after <paramref name="since"/> and paged.</summary>
    Task<IReadOnlyList<Comment>> ListAsync(Guid issueId, DateTime? since, int? limit, int offset, CancellationToken ct);

    Task<int> CountAsync(Guid issueId, CancellationToken ct);

    /// <summary>The comment if it belongs to the workspace.</summary>
    Task<Comment?> FindAsync(Guid workspaceId, Guid commentId, CancellationToken ct);

    Task AddAsync(Comment comment, CancellationToken ct);

    Task UpdateContentAsync(Guid commentId, string content, DateTime now, CancellationToken ct);

    Task DeleteAsync(Guid commentId, CancellationToken ct);

    /// <summary>Whether the agent has posted a reply under that parent comment.</summary>
    Task<bool> HasAgentReplyAsync(Guid parentCommentId, Guid agentId, CancellationToken ct);
}
