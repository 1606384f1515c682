using Microsoft.EntityFrameworkCore;
using Multica.Application.Reactions;
using Multica.Domain.Entities;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class ReactionRepository(MulticaDbContext db) : IReactionRepository
{
    // A repeated reaction keeps its row (and its created_at) and is returned as it is.
    public async Task<CommentReaction> AddToCommentAsync(Comment comment, string actorType, Guid actorId, string emoji, DateTime now,
        CancellationToken ct) =>
        (await db.CommentReactions.FromSqlRaw("""
            INSERT INTO comment_reaction (comment_id, workspace_id, actor_type, actor_id, emoji, created_at)
            VALUES (@target, @ws, @type, @actor, @emoji, @now)
            ON CONFLICT (comment_id, actor_type, actor_id, emoji) DO UPDATE SET created_at = comment_reaction.created_at
            RETURNING *
            """, P("target", comment.Id), P("ws", comment.WorkspaceId), P("type", actorType), P("actor", actorId), P("emoji", emoji),
            Time("now", now)).AsNoTracking().ToListAsync(ct)).Single();

    public Task RemoveFromCommentAsync(Guid commentId, string actorType, Guid actorId, string emoji, CancellationToken ct) =>
        db.CommentReactions.Where(r => r.CommentId == commentId && r.ActorType == actorType && r.ActorId == actorId && r.Emoji == emoji)
            .ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyList<CommentReaction>> ListForCommentsAsync(IReadOnlyCollection<Guid> commentIds, CancellationToken ct) =>
        await db.CommentReactions.AsNoTracking().Where(r => commentIds.Contains(r.CommentId)).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(ct);

    public async Task<IssueReaction> AddToIssueAsync(Issue issue, string actorType, Guid actorId, string emoji, DateTime now,
        CancellationToken ct) =>
        (await db.IssueReactions.FromSqlRaw("""
            INSERT INTO issue_reaction (issue_id, workspace_id, actor_type, actor_id, emoji, created_at)
            VALUES (@target, @ws, @type, @actor, @emoji, @now)
            ON CONFLICT (issue_id, actor_type, actor_id, emoji) DO UPDATE SET created_at = issue_reaction.created_at
            RETURNING *
            """, P("target", issue.Id), P("ws", issue.WorkspaceId), P("type", actorType), P("actor", actorId), P("emoji", emoji),
            Time("now", now)).AsNoTracking().ToListAsync(ct)).Single();

    public Task RemoveFromIssueAsync(Guid issueId, string actorType, Guid actorId, string emoji, CancellationToken ct) =>
        db.IssueReactions.Where(r => r.IssueId == issueId && r.ActorType == actorType && r.ActorId == actorId && r.Emoji == emoji)
            .ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyList<IssueReaction>> ListForIssueAsync(Guid issueId, CancellationToken ct) =>
        await db.IssueReactions.AsNoTracking().Where(r => r.IssueId == issueId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
}
