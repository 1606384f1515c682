using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Multica.Application.Pins;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class PinRepository(MulticaDbContext db) : IPinRepository
{
    public async Task<IReadOnlyList<PinnedItem>> ListAsync(Guid workspaceId, Guid userId, CancellationToken ct) =>
        await db.PinnedItems.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.UserId == userId)
            .OrderBy(p => p.Position).ThenBy(p => p.CreatedAt).ToListAsync(ct);

    public Task<bool> ItemExistsAsync(Guid workspaceId, string itemType, Guid itemId, CancellationToken ct) => itemType == PinItemType.Issue
        ? db.Issues.AnyAsync(i => i.Id == itemId && i.WorkspaceId == workspaceId, ct)
        : db.Projects.AnyAsync(p => p.Id == itemId && p.WorkspaceId == workspaceId, ct);

    public async Task<PinnedItem?> AddAsync(Guid workspaceId, Guid userId, string itemType, Guid itemId, DateTime now, CancellationToken ct) =>
        (await db.PinnedItems.FromSqlRaw("""
            INSERT INTO pinned_item (workspace_id, user_id, item_type, item_id, position, created_at)
            SELECT @ws, @user, @type, @item,
                   COALESCE((SELECT max(position) FROM pinned_item WHERE workspace_id = @ws AND user_id = @user), 0) + 1, @now
            ON CONFLICT (workspace_id, user_id, item_type, item_id) DO NOTHING
            RETURNING *
            """, P("ws", workspaceId), P("user", userId), P("type", itemType), P("item", itemId), Time("now", now))
            .AsNoTracking().ToListAsync(ct)).FirstOrDefault();

    public Task DeleteAsync(Guid workspaceId, Guid userId, string itemType, Guid itemId, CancellationToken ct) =>
        db.PinnedItems.Where(p => p.WorkspaceId == workspaceId && p.UserId == userId && p.ItemType == itemType && p.ItemId == itemId)
            .ExecuteDeleteAsync(ct);

    public async Task ReorderAsync(Guid workspaceId, Guid userId, IReadOnlyList<(Guid Id, double Position)> items, CancellationToken ct)
    {
        foreach (var (id, position) in items)
            await db.PinnedItems.Where(p => p.Id == id && p.WorkspaceId == workspaceId && p.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, position), ct);
    }
}
