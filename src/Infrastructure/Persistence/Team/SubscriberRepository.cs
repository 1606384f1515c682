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
        SELECT s.issue_id, s.user_type, s.user_id, s.reason, s.created_at
        FROM unnest(@follow_issues, @follow_types, @follow_users, @follow_reasons, @follow_times)
            WITH ORDINALITY AS s(issue_id, user_type, user_id, reason, created_at, n)
        ORDER BY s.n
        ON CONFLICT (issue_id, user_type, user_id) DO NOTHING
        """;

    /// <summary>
    /// The statement adding <paramref name="follows"/> (for one listed twice, the first), or null when there is none:
    /// its own round trip here, or part of a reaction's one command (<see cref="ReactionRowWriter"/>).
    /// </summary>
    internal static (string Sql, NpgsqlParameter[] Parameters)? Insert(IEnumerable<IssueFollow> follows)
    {
        var distinct = follows.DistinctBy(f => (f.IssueId, f.Subscription.UserType, f.Subscription.UserId)).ToList();
        return distinct.Count == 0 ? null : (InsertSubscriptionsSql,
        [
            Uuids("follow_issues", distinct.Select(f => f.IssueId)), Texts("follow_types", distinct.Select(f => f.Subscription.UserType)),
            Uuids("follow_users", distinct.Select(f => f.Subscription.UserId)), Texts("follow_reasons", distinct.Select(f => f.Subscription.Reason)),
            Times("follow_times", distinct.Select(f => f.At)),
        ]);
    }

    public Task<int> AddManyAsync(Guid issueId, IReadOnlyList<NewSubscription> subscriptions, DateTime now, CancellationToken ct) =>
        AddManyAsync(subscriptions.Select(s => new IssueFollow(issueId, s, now)).ToList(), ct);

    public async Task<int> AddManyAsync(IReadOnlyList<IssueFollow> follows, CancellationToken ct) =>
        Insert(follows) is { } insert ? await ExecuteAsync(db, insert.Sql, insert.Parameters, ct) : 0;

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
            """, [P("issue", issueId), .. Insert([new IssueFollow(issueId, new NewSubscription(userType, userId, reason), now)])!.Value.Parameters], ct);

    public Task RemoveAsync(Guid issueId, string userType, Guid userId, CancellationToken ct) =>
        db.IssueSubscribers.Where(s => s.IssueId == issueId && s.UserType == userType && s.UserId == userId).ExecuteDeleteAsync(ct);

    public Task<bool> IsWorkspaceEntityAsync(Guid workspaceId, string type, Guid id, CancellationToken ct) => type switch
    {
        ActorType.Member => db.Members.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == id, ct),
        ActorType.Agent => db.Agents.AnyAsync(a => a.WorkspaceId == workspaceId && a.Id == id, ct),
        _ => Task.FromResult(false),
    };
}
