using Microsoft.EntityFrameworkCore;
using Multica.Application.Inbox;
using Multica.Application.Inbox.BulkInbox;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class InboxRepository(MulticaDbContext db) : IInboxRepository
{

    private IQueryable<InboxItem> Own(Guid workspaceId, Guid userId) =>
        db.InboxItems.Where(i => i.WorkspaceId == workspaceId && i.RecipientType == ActorType.Member && i.RecipientId == userId);

    public async Task<IReadOnlyList<(InboxItem Item, string? IssueStatus)>> ListAsync(Guid workspaceId, Guid userId, CancellationToken ct)
    {
        var rows = await (from i in Own(workspaceId, userId).AsNoTracking().Where(i => !i.Archived)
                          join issue in db.Issues on i.IssueId equals issue.Id into issues
                          from issue in issues.DefaultIfEmpty()
                          orderby i.CreatedAt descending, i.Id descending
                          select new { Item = i, Status = issue == null ? null : issue.Status }).ToListAsync(ct);
        return rows.Select(r => (r.Item, (string?)r.Status)).ToList();
    }

    public Task<int> CountUnreadAsync(Guid workspaceId, Guid userId, CancellationToken ct) =>
        Own(workspaceId, userId).CountAsync(i => !i.Read && !i.Archived, ct);

    public Task<InboxItem?> FindForMemberAsync(Guid workspaceId, Guid userId, Guid itemId, CancellationToken ct) =>
        Own(workspaceId, userId).AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);

    public async Task<(InboxItem Item, string? IssueStatus)> MarkReadAsync(Guid itemId, CancellationToken ct)
    {
        await db.InboxItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Read, true), ct);
        return await LoadAsync(itemId, ct);
    }

    public async Task<(InboxItem Item, string? IssueStatus)> ArchiveAsync(Guid itemId, CancellationToken ct)
    {
        var item = await db.InboxItems.AsNoTracking().FirstAsync(i => i.Id == itemId, ct);
        var siblings = db.InboxItems.Where(i => i.Id == itemId);
        if (item.IssueId is { } issueId)
            siblings = db.InboxItems.Where(i => i.Id == itemId || (i.WorkspaceId == item.WorkspaceId && i.RecipientType == item.RecipientType
                && i.RecipientId == item.RecipientId && i.IssueId == issueId && !i.Archived));
        await siblings.ExecuteUpdateAsync(s => s.SetProperty(i => i.Archived, true), ct);
        return await LoadAsync(itemId, ct);
    }

    public Task<int> BulkAsync(Guid workspaceId, Guid userId, BulkInboxAction action, CancellationToken ct)
    {
        var own = Own(workspaceId, userId).Where(i => !i.Archived);
        return action switch
        {
            BulkInboxAction.MarkAllRead => own.Where(i => !i.Read).ExecuteUpdateAsync(s => s.SetProperty(i => i.Read, true), ct),
            BulkInboxAction.ArchiveAll => own.ExecuteUpdateAsync(s => s.SetProperty(i => i.Archived, true), ct),
            BulkInboxAction.ArchiveAllRead => own.Where(i => i.Read).ExecuteUpdateAsync(s => s.SetProperty(i => i.Archived, true), ct),
            BulkInboxAction.ArchiveCompleted => own
                .Where(i => db.Issues.Any(issue => issue.Id == i.IssueId && IssueStatus.Closed.Contains(issue.Status)))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Archived, true), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    public async Task AddAsync(IReadOnlyList<InboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
            return;
        db.InboxItems.AddRange(items);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<(InboxItem Item, string? IssueStatus)> LoadAsync(Guid itemId, CancellationToken ct)
    {
        var row = await (from i in db.InboxItems.AsNoTracking().Where(i => i.Id == itemId)
                         join issue in db.Issues on i.IssueId equals issue.Id into issues
                         from issue in issues.DefaultIfEmpty()
                         select new { Item = i, Status = issue == null ? null : issue.Status }).FirstAsync(ct);
        return (row.Item, (string?)row.Status);
    }
}
