using Multica.Domain.Entities;

namespace Multica.Application.Notifications;

/// <summary>
/// Writes the activity entries and inbox items of one issue reaction together: one round trip for all of them
/// instead of one per kind (docs/benchmarks.md, eighth stop). Called inside the reaction's transaction; nothing in
/// the reaction reads these rows back before it commits.
/// </summary>
public interface IReactionRowWriter
{
    Task AddAsync(IReadOnlyList<ActivityLog> entries, IReadOnlyList<InboxItem> items, CancellationToken ct);
}
