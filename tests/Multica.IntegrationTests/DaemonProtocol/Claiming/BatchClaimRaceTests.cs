using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.DaemonProtocol.Claiming;

/// <summary>
/// 16 machine-level batch claimers over 4 runtimes and 1,000 queued tasks: every task is handed out
/// exactly once and no agent ever holds more in-flight tasks than its max_concurrent_tasks.
/// </summary>
public sealed class BatchClaimRaceTests
{
    private const int Runtimes = 4;
    private const int AgentsPerRuntime = 5;
    private const int TasksPerAgent = 50; // 4 × 5 × 50 = 1,000
    private const int Capacity = 2;
    private const int Claimers = 16;

    [Test, CancelAfter(300_000)]
    public async Task Race_16BatchClaimers_4Runtimes_1000Tasks_EachClaimedOnce_CapacityNeverExceeded(CancellationToken cancel)
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var pat = await TestData.CreatePatAsync(owner.Client);
        var daemon = TestData.ClientWith(pat);
        var daemonId = Guid.NewGuid().ToString();
        var registered = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = ws.Id, daemon_id = daemonId,
            runtimes = new[] { "claude", "codex", "gemini", "cursor" }.Select(p => new { name = p, type = p, version = "1", status = "online" }),
        }).ExpectAsync(HttpStatusCode.OK);
        var runtimeIds = registered.GetProperty("runtimes").EnumerateArray().Select(r => Guid.Parse(r.Str("id"))).ToArray();
        Assert.That(runtimeIds, Has.Length.EqualTo(Runtimes));

        await SeedAsync(ws.Id, owner.Id, runtimeIds);

        var claimed = new ConcurrentDictionary<string, int>();
        var overCapacity = 0;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var sampler = SampleCapacityAsync(ws.Id, () => Interlocked.Increment(ref overCapacity), done.Token);

        var claimers = Enumerable.Range(0, Claimers).Select(async _ =>
        {
            var client = TestData.ClientWith(pat);
            var emptyInARow = 0;
            while (emptyInARow < 3 && !cancel.IsCancellationRequested)
            {
                var body = await client.PostAsync("/api/daemon/tasks/claim", new { daemon_id = daemonId, runtime_ids = runtimeIds, max_tasks = 8 })
                    .ExpectAsync(HttpStatusCode.OK);
                var ids = body.GetProperty("tasks").EnumerateArray().Select(t => t.Str("id")).ToList();
                if (ids.Count == 0)
                {
                    emptyInARow++;
                    await Task.Delay(20, cancel);
                    continue;
                }
                emptyInARow = 0;
                foreach (var id in ids)
                    claimed.AddOrUpdate(id, 1, (_, n) => n + 1);
                await CompleteAsync(ids);
            }
        }).ToList();
        await Task.WhenAll(claimers);
        done.Cancel();
        await sampler;

        Assert.That(claimed.Values.Where(n => n > 1), Is.Empty, "a task was handed out twice");
        Assert.That(claimed.Count, Is.EqualTo(Runtimes * AgentsPerRuntime * TasksPerAgent), "tasks were lost");
        Assert.That(overCapacity, Is.Zero, "an agent held more in-flight tasks than max_concurrent_tasks");
        var left = await DaemonSeed.ScalarAsync<long>(
            "SELECT count(*) FROM agent_task_queue t JOIN agent a ON a.id = t.agent_id WHERE a.workspace_id = @w AND t.status <> 'completed'", ("w", ws.Id));
        Assert.That(left, Is.Zero);
    }

    private static async Task SeedAsync(Guid workspaceId, Guid ownerId, Guid[] runtimeIds)
    {
        await DaemonSeed.ExecAsync($"""
            WITH agents AS (
                INSERT INTO agent (workspace_id, name, runtime_mode, runtime_id, owner_id, visibility, status, max_concurrent_tasks)
                SELECT @w, 'race-' || r.ord || '-' || g, 'local', r.id, @o, 'workspace', 'idle', {Capacity}
                FROM unnest(@runtimes) WITH ORDINALITY AS r(id, ord), generate_series(1, {AgentsPerRuntime}) g
                RETURNING id, runtime_id),
            numbered AS (SELECT id, runtime_id, row_number() OVER () AS n FROM agents),
            issues AS (
                INSERT INTO issue (workspace_id, title, status, priority, creator_type, creator_id, number)
                SELECT @w, 'race ' || a.n || '/' || g, 'todo', 'none', 'member', @o, a.n * 1000 + g
                FROM numbered a, generate_series(1, {TasksPerAgent}) g
                RETURNING id, number)
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, status, priority)
            SELECT a.id, a.runtime_id, i.id, 'queued', 0
            FROM issues i JOIN numbered a ON a.n = i.number / 1000
            """, ("w", workspaceId), ("o", ownerId), ("runtimes", runtimeIds));
    }

    private static Task CompleteAsync(IReadOnlyList<string> ids) =>
        DaemonSeed.ExecAsync(
            "UPDATE agent_task_queue SET status = 'completed', completed_at = now() WHERE id = ANY(@ids)",
            ("ids", ids.Select(Guid.Parse).ToArray()));

    private static async Task SampleCapacityAsync(Guid workspaceId, Action onViolation, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var worst = await DaemonSeed.ScalarAsync<long>("""
                SELECT COALESCE(max(c.n - a.max_concurrent_tasks), -1) FROM agent a
                JOIN (SELECT agent_id, count(*) AS n FROM agent_task_queue
                      WHERE status IN ('dispatched', 'waiting_local_directory', 'running') GROUP BY agent_id) c ON c.agent_id = a.id
                WHERE a.workspace_id = @w
                """, ("w", workspaceId));
            if (worst > 0)
                onViolation();
            try { await Task.Delay(10, ct); } catch (OperationCanceledException) { return; }
        }
    }
}
