using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Claiming;

/// <summary>
/// 16 claimers hammer one runtime holding 1,000 queued tasks of 4 agents: every task is claimed exactly
/// once, none is lost, and no agent ever has more than max_concurrent_tasks in flight.
/// </summary>
public sealed class ClaimRaceTests
{
    private const int Agents = 4;
    private const int TasksPerAgent = 250;
    private const int MaxConcurrent = 3;
    private static readonly int Claimers = int.TryParse(Environment.GetEnvironmentVariable("RACE_CLAIMERS"), out var n) ? n : 16;

    [Test, CancelAfter(300_000)]
    public async Task Race_16Claimers_1000Tasks_EachClaimedOnce_CapacityNeverExceeded(CancellationToken cancel)
    {
        var w = await WorldAsync();
        var agents = new List<Guid>();
        for (var i = 0; i < Agents; i++)
        {
            var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: MaxConcurrent);
            var (_, run) = await AutopilotRunAsync(w.Workspace.Id, agent, w.Owner.Id);
            // Run-only tasks have no (agent, issue) serialisation, so only capacity limits the claims.
            await ExecAsync("""
                INSERT INTO agent_task_queue (agent_id, runtime_id, autopilot_run_id, priority, status, created_at)
                SELECT @a, @r, @run, g % 5, 'queued', now() - make_interval(secs => g)
                FROM generate_series(1, @n) AS g
                """, ("a", agent), ("r", w.RuntimeId), ("run", run), ("n", TasksPerAgent));
            agents.Add(agent);
        }
        // As autovacuum would after a bulk load: the claim's plans depend on current statistics.
        await ExecAsync("ANALYZE agent_task_queue");

        var claimed = new ConcurrentDictionary<string, int>();
        var inFlight = agents.ToDictionary(a => a.ToString(), _ => 0);
        var maxSeenInMemory = 0;
        var gate = new object();
        var total = Agents * TasksPerAgent;
        var done = 0;
        var stopSampling = new CancellationTokenSource();
        var maxSeenInDatabase = 0;

        // Exact check: one snapshot of the in-flight count per agent, taken over and over while claims run.
        var sampler = Task.Run(async () =>
        {
            await using var connection = await Support.TestEnvironment.OpenConnectionAsync();
            while (!stopSampling.IsCancellationRequested)
            {
                await using var command = new Npgsql.NpgsqlCommand("""
                    SELECT COALESCE(MAX(c), 0)::int FROM (
                        SELECT count(*) AS c FROM agent_task_queue
                        WHERE agent_id = ANY(@agents) AND status IN ('dispatched', 'waiting_local_directory', 'running')
                        GROUP BY agent_id) x
                    """, connection);
                command.Parameters.AddWithValue("agents", agents.ToArray());
                var max = (int)(await command.ExecuteScalarAsync())!;
                InterlockedMax(ref maxSeenInDatabase, max);
                await Task.Delay(5);
            }
        });

        var empty = 0;
        long claimTicks = 0;
        var stopwatch = Stopwatch.StartNew();
        var claimers = Enumerable.Range(0, Claimers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await Support.TestEnvironment.OpenConnectionAsync();
            var idle = 0;
            while (Volatile.Read(ref done) < total && !cancel.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim");
                Interlocked.Add(ref claimTicks, (long)Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var task = json.RootElement.GetProperty("task");
                if (task.ValueKind == JsonValueKind.Null)
                {
                    Interlocked.Increment(ref empty);
                    // Everything claimable is held by other claimers right now: back off briefly.
                    await Task.Delay(Math.Min(++idle, 5));
                    continue;
                }
                idle = 0;
                var id = task.GetProperty("id").GetString()!;
                var agent = task.GetProperty("agent_id").GetString()!;
                claimed.AddOrUpdate(id, 1, (_, n) => n + 1);
                // Counted after the response and uncounted before completion: never above the server's own count.
                lock (gate)
                {
                    inFlight[agent]++;
                    maxSeenInMemory = Math.Max(maxSeenInMemory, inFlight[agent]);
                }
                await Task.Yield();
                lock (gate)
                    inFlight[agent]--;
                await using var complete = new Npgsql.NpgsqlCommand(
                    "UPDATE agent_task_queue SET status = 'completed', started_at = now(), completed_at = now() WHERE id = @id", connection);
                complete.Parameters.AddWithValue("id", Guid.Parse(id));
                await complete.ExecuteNonQueryAsync();
                Interlocked.Increment(ref done);
            }
        })).ToList();
        await Task.WhenAll(claimers);
        stopSampling.Cancel();
        await sampler;
        TestContext.Out.WriteLine($"{total} tasks claimed by {Claimers} claimers in {stopwatch.Elapsed.TotalSeconds:F1} s ({empty} empty claims, {claimTicks / 1000.0 / (total + empty):F1} ms per claim call)");

        Assert.That(claimed, Has.Count.EqualTo(total), "every task claimed");
        Assert.That(claimed.Values.All(n => n == 1), Is.True, "no task claimed twice");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_task_queue WHERE agent_id = ANY(@a) AND status <> 'completed'",
            ("a", agents.ToArray())), Is.EqualTo(0), "none lost");
        Assert.That(maxSeenInDatabase, Is.LessThanOrEqualTo(MaxConcurrent));
        Assert.That(maxSeenInMemory, Is.LessThanOrEqualTo(MaxConcurrent));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
