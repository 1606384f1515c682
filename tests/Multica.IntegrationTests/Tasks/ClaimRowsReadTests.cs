using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks;
using Multica.Infrastructure.Persistence;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// A claim and its details read the task rows they need, not the agent's history: the session to resume is found
/// through an index on the issue, or on the chat's finished runs that kept a session (docs/benchmarks.md, eighth
/// stop). Counted with <c>pg_stat_xact_user_tables</c> before and after each step, after <c>ANALYZE</c> (autovacuum
/// keeps a growing table's statistics; plans made on stale ones are another matter, see docs/benchmarks.md). Before and
/// after: despite its name, that view shows what the connection's backend read since it last reported its statistics,
/// which PostgreSQL 15 does at most once a second and only between transactions, so a pooled connection's count starts
/// with whatever its earlier transactions read (docs/testing.md, "Counting rows read"). Alone in the suite: the planner
/// picks among plans by the table's statistics and size at the moment it plans, which other tests change while they
/// insert and analyse; each failure names the indexes that read.
/// </summary>
[NonParallelizable]
public sealed class ClaimRowsReadTests
{
    // Large enough that reading it whole costs the planner more than an index lookup: with a few hundred rows a
    // sequential scan is the right plan, and the test would measure the planner, not the indexes.
    private const int History = 20_000;
    private const int Bound = 40;

    [Test]
    public async Task IssueTask_ClaimAndDetails_ReadAFewTaskRows_WhateverTheAgentsHistory()
    {
        var (ws, owner, runtime, agent) = await DaemonSeed.WorkspaceWithAgentAsync();
        var issue = await DaemonSeed.IssueAsync(ws, owner, "todo");
        var other = await DaemonSeed.IssueAsync(ws, owner, "todo");
        // Many finished runs with sessions on another issue, one on this issue.
        await FinishedRunsAsync(agent, runtime, "issue_id", other, History);
        await DaemonSeed.ExecAsync("""
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, status, session_id, work_dir, completed_at)
            VALUES (@a, @r, @i, 'failed', 's-prior', '/w/prior', now() - interval '1 hour')
            """, ("a", agent), ("r", runtime), ("i", issue));
        var task = await DaemonSeed.TaskAsync(agent, runtime, issue, "queued");

        await AssertClaimReadsFewRowsAsync(runtime, agent, task);
    }

    [Test]
    public async Task ChatTask_ClaimAndDetails_ReadAFewTaskRows_WhateverTheChatsHistory()
    {
        var (ws, owner, runtime, agent) = await DaemonSeed.WorkspaceWithAgentAsync();
        var chat = await DaemonSeed.ChatSessionAsync(ws, agent, owner);
        // A long chat: many finished runs with sessions, the latest one an hour ago.
        await FinishedRunsAsync(agent, runtime, "chat_session_id", chat, History);
        await DaemonSeed.ExecAsync("""
            INSERT INTO agent_task_queue (agent_id, runtime_id, chat_session_id, status, session_id, work_dir, completed_at)
            VALUES (@a, @r, @c, 'completed', 's-prior', '/w/prior', now() - interval '1 minute')
            """, ("a", agent), ("r", runtime), ("c", chat));
        var task = await DaemonSeed.TaskAsync(agent, runtime, chatSessionId: chat);

        await AssertClaimReadsFewRowsAsync(runtime, agent, task);
    }

    /// <summary><paramref name="count"/> completed runs with sessions on one issue or chat, older than an hour.</summary>
    private static Task FinishedRunsAsync(Guid agent, Guid runtime, string column, Guid owner, int count) =>
        DaemonSeed.ExecAsync($"""
            INSERT INTO agent_task_queue (agent_id, runtime_id, {column}, status, session_id, work_dir, completed_at)
            SELECT @a, @r, @o, 'completed', 'old-' || n, '/w/old', now() - interval '1 hour' - make_interval(mins => n)
            FROM generate_series(1, @n) AS n;
            ANALYZE agent_task_queue;
            """, ("a", agent), ("r", runtime), ("o", owner), ("n", count));

    /// <summary>Claims the runtime's one queued task and loads its details in one transaction, counting the task rows read.</summary>
    private static async Task AssertClaimReadsFewRowsAsync(Guid runtime, Guid agent, Guid task)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var claims = scope.ServiceProvider.GetRequiredService<ITaskClaimRepository>();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();
        var now = DateTime.UtcNow;
        var request = new ClaimRequest([runtime], 1, now, now.AddMinutes(-1), now.AddMinutes(1), now.AddHours(1), 16);

        await db.Database.OpenConnectionAsync();
        try
        {
            var (claimed, claimRead, claimIndexes, details, detailsRead) = await transactions.RunAsync(async token =>
            {
                var before = await TaskRowsReadAsync(db, token);
                var indexesBefore = await IndexReadsAsync(db, token);
                var claimed = await claims.ClaimAsync(request, token);
                var afterClaim = await TaskRowsReadAsync(db, token);
                var claimIndexes = $"before: {indexesBefore}; after: {await IndexReadsAsync(db, token)}";
                var details = await claims.LoadClaimDetailsAsync([task], [agent], token);
                return (claimed, afterClaim - before, claimIndexes, details, await TaskRowsReadAsync(db, token) - afterClaim);
            }, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(claimed.Select(c => c.Task.Id), Is.EqualTo(new[] { task }), "the queued task is dispatched");
                Assert.That(details.Contexts.Single().PriorSessionId ?? details.Contexts.Single().LastChatSessionId,
                    Is.EqualTo("s-prior"), "the last session of this issue or chat");
                Assert.That(claimRead, Is.LessThan(Bound), $"task rows the claim read, with {History} finished runs stored ({claimIndexes})");
                Assert.That(detailsRead, Is.LessThan(Bound), $"task rows the claim details read, with {History} finished runs stored");
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What each index of the task table returned so far (scans, entries), for a failure's message.</summary>
    private static async Task<string> IndexReadsAsync(MulticaDbContext db, CancellationToken ct) =>
        string.Join(", ", await db.Database.SqlQueryRaw<string>("""
            SELECT indexrelid::regclass || ': ' || pg_stat_get_xact_numscans(indexrelid) || ' scans, '
                   || pg_stat_get_xact_tuples_returned(indexrelid) || ' entries' AS "Value"
            FROM pg_index WHERE indrelid = 'agent_task_queue'::regclass AND pg_stat_get_xact_numscans(indexrelid) > 0
            ORDER BY 1
            """).ToListAsync(ct));

    private static Task<long> TaskRowsReadAsync(MulticaDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long>("""
            SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) AS "Value"
            FROM pg_stat_xact_user_tables WHERE relname = 'agent_task_queue'
            """).SingleAsync(ct);
}
