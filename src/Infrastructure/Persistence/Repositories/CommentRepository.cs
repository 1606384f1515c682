using Microsoft.EntityFrameworkCore;
using Multica.Application.Comments;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class CommentRepository(MulticaDbContext db) : ICommentRepository
{
    public async Task<IReadOnlyList<Comment>> ListAsync(Guid issueId, DateTime? since, int? limit, int offset, CancellationToken ct)
    {
        var query = db.Comments.AsNoTracking().Where(c => c.IssueId == issueId);
        if (since is { } s)
            query = query.Where(c => c.CreatedAt > s);
        var ordered = query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip(offset);
        return await (limit is { } l ? ordered.Take(l) : ordered).ToListAsync(ct);
    }

    public Task<int> CountAsync(Guid issueId, CancellationToken ct) => db.Comments.CountAsync(c => c.IssueId == issueId, ct);

    public Task<Comment?> FindAsync(Guid workspaceId, Guid commentId, CancellationToken ct) =>
        db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.WorkspaceId == workspaceId, ct);

    public async Task AddAsync(Comment comment, CancellationToken ct)
    {
        db.Comments.Add(comment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task UpdateContentAsync(Guid commentId, string content, DateTime now, CancellationToken ct) =>
        db.Comments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Content, content).SetProperty(c => c.UpdatedAt, now), ct);

    public Task DeleteAsync(Guid commentId, CancellationToken ct) => db.Comments.Where(c => c.Id == commentId).ExecuteDeleteAsync(ct);

    public Task<bool> HasAgentReplyAsync(Guid parentCommentId, Guid agentId, CancellationToken ct) =>
        db.Comments.AnyAsync(c => c.ParentId == parentCommentId && c.AuthorType == ActorType.Agent && c.AuthorId == agentId, ct);
}
