using Multica.Application.Notifications;
using Multica.Application.Subscriptions;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Team;

/// <summary>All three kinds of rows in one command: one INSERT each, one round trip (docs/architecture.md, "Conventions").</summary>
public sealed class ReactionRowWriter(MulticaDbContext db) : IReactionRowWriter
{
    public Task AddAsync(IReadOnlyList<IssueFollow> follows, IReadOnlyList<ActivityLog> entries, IReadOnlyList<InboxItem> items,
        CancellationToken ct) =>
        RawSql.InsertAsync(db, SubscriberRepository.Insert(follows), entries, items, ct);
}
