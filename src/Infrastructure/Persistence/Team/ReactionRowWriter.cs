using Multica.Application.Notifications;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Team;

/// <summary>One <c>SaveChanges</c> for both kinds of rows: EF Core sends their inserts as one batch.</summary>
public sealed class ReactionRowWriter(MulticaDbContext db) : IReactionRowWriter
{
    public async Task AddAsync(IReadOnlyList<ActivityLog> entries, IReadOnlyList<InboxItem> items, CancellationToken ct)
    {
        if (entries.Count == 0 && items.Count == 0)
            return;
        db.ActivityLogs.AddRange(entries);
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
}
