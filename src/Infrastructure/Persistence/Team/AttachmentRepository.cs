using Microsoft.EntityFrameworkCore;
using Multica.Application.Attachments;
using Multica.Domain.Entities;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class AttachmentRepository(MulticaDbContext db) : IAttachmentRepository
{
    public async Task AddAsync(Attachment attachment, CancellationToken ct)
    {
        db.Attachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task<Attachment?> FindAsync(Guid workspaceId, Guid id, CancellationToken ct) =>
        db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.WorkspaceId == workspaceId, ct);

    public async Task<IReadOnlyList<Attachment>> ListForIssueAsync(Guid workspaceId, Guid issueId, CancellationToken ct) =>
        await db.Attachments.AsNoTracking().Where(a => a.IssueId == issueId && a.WorkspaceId == workspaceId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<Attachment>> ListForCommentsAsync(Guid workspaceId, IReadOnlyCollection<Guid> commentIds, CancellationToken ct) =>
        await db.Attachments.AsNoTracking().Where(a => a.CommentId != null && commentIds.Contains(a.CommentId.Value) && a.WorkspaceId == workspaceId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);

    public Task DeleteAsync(Guid workspaceId, Guid id, CancellationToken ct) =>
        db.Attachments.Where(a => a.Id == id && a.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct);

    public Task LinkToIssueAsync(Guid workspaceId, Guid issueId, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Attachments.Where(a => a.WorkspaceId == workspaceId && a.IssueId == null && ids.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.IssueId, issueId), ct);

    public Task LinkToCommentAsync(Guid issueId, Guid commentId, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Attachments.Where(a => a.IssueId == issueId && a.CommentId == null && ids.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentId, commentId), ct);

    public async Task<IReadOnlyList<string>> UrlsForIssueAsync(Guid issueId, CancellationToken ct) =>
        await db.Attachments.AsNoTracking()
            .Where(a => a.IssueId == issueId || (a.CommentId != null && db.Comments.Any(c => c.Id == a.CommentId && c.IssueId == issueId)))
            .Select(a => a.Url).ToListAsync(ct);

    public async Task<IReadOnlyList<string>> UrlsForWorkspaceAsync(Guid workspaceId, CancellationToken ct) =>
        await db.Attachments.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).Select(a => a.Url).ToListAsync(ct);

    // The comment and its replies at any depth (they go with it by cascade).
    public async Task<IReadOnlyList<string>> UrlsForCommentAsync(Guid commentId, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<string>("""
            WITH RECURSIVE thread AS (
                SELECT id FROM comment WHERE id = @comment
                UNION ALL
                SELECT c.id FROM comment c JOIN thread t ON c.parent_id = t.id
            )
            SELECT a.url AS "Value" FROM attachment a JOIN thread t ON a.comment_id = t.id
            """, P("comment", commentId)).ToListAsync(ct);
}
