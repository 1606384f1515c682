using Microsoft.EntityFrameworkCore;
using Multica.Application.Subscriptions;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Npgsql;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class SubscriberRepository(MulticaDbContext db) : ISubscriberRepository
{
    public async Task<IReadOnlyList<IssueSubscriber>> ListAsync(Guid issueId, CancellationToken ct) =>
        await db.IssueSubscribers.AsNoTracking().Where(s => s.IssueId == issueId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.UserId).ToListAsync(ct);

    public async Task<bool> AddAsync(Guid issueId, string userType, Guid userId, string reason, DateTime now, CancellationToken ct) =>
        await AddManyAsync(issueId, [new NewSubscription(userType, userId, reason)], now, ct) > 0;

    // The one insert of subscriptions: each row unless (issue, type, user) exists; rows in the order given.
    private const string InsertSubscriptionsSql = """
        INSERT INTO issue_subscriber (issue_id, user_type, user_id, reason, created_at)
        SELECT @issue, s.user_type, s.user_id, s.reason, @now
        FROM unnest(@types, @users, @reasons) WITH ORDINALITY AS s(user_type, user_id, reason, n)
        ORDER BY s.n
        ON CONFLICT (issue_id, user_type, user_id) DO NOTHING
        """;

    private static NpgsqlParameter[] SubscriptionParameters(Guid issueId, IReadOnlyList<NewSubscription> subscriptions, DateTime now) =>
    [
        P("issue", issueId), Texts("types", subscriptions.Select(s => s.UserType)), Uuids("users", subscriptions.Select(s => s.UserId)),
        Texts("reasons", subscriptions.Select(s => s.Reason)), Time("now", now),
    ];

    public async Task<int> AddManyAsync(Guid issueId, IReadOnlyList<NewSubscription> subscriptions, DateTime now, CancellationToken ct)
    {
        var distinct = subscriptions.DistinctBy(s => (s.UserType, s.UserId)).ToList();
        if (distinct.Count == 0)
            return 0;
        return await ExecuteAsync(db, InsertSubscriptionsSql, SubscriptionParameters(issueId, distinct, now), ct);
    }

    // One round trip: the main SELECT sees the table as it was before the INSERT (one snapshot per statement),
    // so a new row comes only from the INSERT's RETURNING, and an existing one only from the table.
    public async Task<IReadOnlyList<IssueSubscriber>> AddAndListAsync(Guid issueId, string userType, Guid userId, string reason,
        DateTime now, CancellationToken ct) =>
        await EntitiesAsync<IssueSubscriber>(db, $"""
            WITH added AS (
                {InsertSubscriptionsSql}
                RETURNING issue_id, user_type, user_id, reason, created_at)
            SELECT issue_id, user_type, user_id, reason, created_at FROM issue_subscriber WHERE issue_id = @issue
            UNION ALL
            SELECT issue_id, user_type, user_id, reason, created_at FROM added
            ORDER BY created_at, user_id
            """, SubscriptionParameters(issueId, [new NewSubscription(userType, userId, reason)], now), ct);

    public Task RemoveAsync(Guid issueId, string userType, Guid userId, CancellationToken ct) =>
        db.IssueSubscribers.Where(s => s.IssueId == issueId && s.UserType == userType && s.UserId == userId).ExecuteDeleteAsync(ct);

    public Task<bool> IsWorkspaceEntityAsync(Guid workspaceId, string type, Guid id, CancellationToken ct) => type switch
    {
        ActorType.Member => db.Members.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == id, ct),
        ActorType.Agent => db.Agents.AnyAsync(a => a.WorkspaceId == workspaceId && a.Id == id, ct),
        _ => Task.FromResult(false),
    };
}
