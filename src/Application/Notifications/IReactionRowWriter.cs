using Multica.Application.Subscriptions;
using Multica.Domain.Entities;

namespace Multica.Application.Notifications;

/// <summary>
/// Writes the new followers, activity entries and inbox items of a batch of issue reactions together: one round trip
/// for all of them instead of one per kind or per event (docs/benchmarks.md, eighth and seventeenth stops). Called
/// inside the reactions' transaction; a reaction that reads followers has the followers gathered so far written first.
/// </summary>
public interface IReactionRowWriter
{
    Task AddAsync(IReadOnlyList<IssueFollow> follows, IReadOnlyList<ActivityLog> entries, IReadOnlyList<InboxItem> items, CancellationToken ct);
}
