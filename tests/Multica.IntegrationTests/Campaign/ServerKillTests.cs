using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// SIGKILL of a real server process under daemon load. Simulated daemons drive claim → start → messages → complete
/// against a `dotnet Multica.WebApi.dll` child process, retrying each call through the outage as the stock daemon
/// does; the server is killed twice mid-run and started again on the same address. Afterwards every task has ended
/// completed, no task reached two claim answers, and every message batch the server acknowledged is stored.
/// </summary>
public sealed class ServerKillTests
{
    private const int Runtimes = 3;
    private const int TasksPerRuntime = 12;
    private const int SlotsPerRuntime = 2;
    private const int Batches = 5;
    private const int MessagesPerBatch = 4;
    private static readonly int[] KillAfterCompleted = [8, 20];

    /// <summary>About a minute on an idle machine; the daemons give up after 180 s, the test after 300 s.</summary>
    [Test, CancelAfter(300_000)]
    public async Task Sigkill_UnderClaimStartMessagesCompleteLoad_LosesNoTask_AndNoAcknowledgedMessage(CancellationToken ct)
    {
        var owner = await TestData.SignInAsync();
        var workspace = await TestData.CreateWorkspaceAsync(owner.Client);
        var pat = await TestData.CreatePatAsync(owner.Client);
        var runtimes = new List<Guid>();
        var agents = new List<Guid>();
        var tasks = new List<Guid>();
        for (var r = 0; r < Runtimes; r++)
        {
            var runtime = await RegisterAsync(TestData.ClientWith(pat), workspace.Id, $"kill-{r}-{Guid.NewGuid():N}"[..20]);
            var agent = await AgentAsync(workspace.Id, runtime, maxConcurrent: SlotsPerRuntime);
            runtimes.Add(runtime);
            agents.Add(agent);
            for (var t = 0; t < TasksPerRuntime; t++)
                tasks.Add(await TaskAsync(agent, runtime, issueId: await IssueAsync(workspace.Id, owner.Id)));
        }

        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestEnvironment.DatabaseUrl,
            ["Auth__JwtSecret"] = "integration-test-secret",
            ["Auth__AppEnvironment"] = "test",
            ["Database__MigrateOnStartup"] = "false",
            // The sweeper is global and the database is shared with the rest of the suite.
            ["Sweeper__Enabled"] = "false",
            // A claim answer lost in the kill leaves its task dispatched; it is offered again after this grace.
            ["Tasks__RedispatchGraceSeconds"] = "35",
            ["Logging__LogLevel__Default"] = "Warning",
        }, ct);

        var claims = new ConcurrentDictionary<Guid, int>();
        var acknowledged = new ConcurrentDictionary<Guid, ConcurrentBag<int>>();
        var completed = 0;
        var retries = 0;
        var errors = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", pat) },
        };

        // One call, retried through connection failures, timeouts and 5xx (the server is down or starting); a 4xx is an error.
        async Task<JsonElement> CallAsync(string path, object? body)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    using var response = await http.PostAsJsonAsync(path, body ?? new { }, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    if ((int)response.StatusCode < 500)
                    {
                        if (!response.IsSuccessStatusCode)
                            errors.Enqueue($"POST {path} → {(int)response.StatusCode} {text}");
                        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                Interlocked.Increment(ref retries);
                await Task.Delay(100, ct);
            }
        }

        async Task<bool> AllFinishedAsync() =>
            await ScalarAsync<long>("SELECT count(*) FROM agent_task_queue WHERE agent_id = ANY(@a) AND status IN ('queued', 'dispatched', 'running')",
                ("a", agents.ToArray())) == 0;

        async Task DaemonSlotAsync(Guid runtime)
        {
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (DateTime.UtcNow < deadline && errors.IsEmpty)
            {
                var claim = await CallAsync($"/api/daemon/runtimes/{runtime}/tasks/claim", null);
                if (claim.ValueKind != JsonValueKind.Object || claim.GetProperty("task").ValueKind != JsonValueKind.Object)
                {
                    if (await AllFinishedAsync())
                        return;
                    await Task.Delay(250, ct);
                    continue;
                }
                var task = Guid.Parse(claim.GetProperty("task").Str("id"));
                claims.AddOrUpdate(task, 1, (_, n) => n + 1);
                await CallAsync($"/api/daemon/tasks/{task}/start", null);
                for (var b = 0; b < Batches; b++)
                {
                    var seqs = Enumerable.Range(b * MessagesPerBatch + 1, MessagesPerBatch).ToArray();
                    await CallAsync($"/api/daemon/tasks/{task}/messages",
                        new { messages = seqs.Select(s => new { seq = s, type = "text", content = $"line {s}" }) });
                    foreach (var s in seqs)
                        acknowledged.GetOrAdd(task, _ => []).Add(s);
                    await Task.Delay(20, ct);
                }
                await CallAsync($"/api/daemon/tasks/{task}/complete", new { output = "done" });
                Interlocked.Increment(ref completed);
            }
        }

        var downtimes = new List<TimeSpan>();
        var slotsDone = false;
        async Task KillerAsync()
        {
            foreach (var threshold in KillAfterCompleted)
            {
                // If the daemons stop first (too slow a machine), the missing kills fail the test below, not a timeout.
                while (Volatile.Read(ref completed) < threshold)
                {
                    if (Volatile.Read(ref slotsDone))
                        return;
                    await Task.Delay(20, ct);
                }
                var down = Stopwatch.StartNew();
                await server.KillAsync();
                await Task.Delay(300, ct);
                await server.StartAgainAsync(ct);
                downtimes.Add(down.Elapsed);
            }
        }

        // The stock daemon heartbeats its runtimes all along (every 15 s); without it the runtimes would go stale, and
        // any sweep another test runs on the shared database would fail their tasks as runtime_offline.
        using var heartbeats = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = Task.Run(async () =>
        {
            while (!heartbeats.IsCancellationRequested)
            {
                foreach (var runtime in runtimes)
                {
                    try
                    {
                        using var _ = await http.PostAsJsonAsync("/api/daemon/heartbeat", new { runtime_id = runtime }, heartbeats.Token);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                    }
                }
                try
                {
                    await Task.Delay(2_000, heartbeats.Token);
                }
                catch (TaskCanceledException)
                {
                }
            }
        }, CancellationToken.None);

        var killer = KillerAsync();
        await Task.WhenAll(runtimes.SelectMany(r => Enumerable.Range(0, SlotsPerRuntime).Select(_ => DaemonSlotAsync(r))));
        Volatile.Write(ref slotsDone, true);
        await killer;
        await heartbeats.CancelAsync();
        await heartbeat;

        var rows = await TaskRowsAsync(agents);
        var stored = await StoredSeqsAsync([.. acknowledged.Keys]);
        var lost = acknowledged.SelectMany(kv => kv.Value.Where(s => !stored.GetValueOrDefault(kv.Key, []).Contains(s)).Select(s => $"{kv.Key}#{s}")).ToList();
        TestContext.Out.WriteLine($"server kill: {downtimes.Count} SIGKILLs, restart to healthy in " +
                                  string.Join(", ", downtimes.Select(d => $"{d.TotalSeconds:F1} s")) +
                                  $"; {tasks.Count} tasks (+{rows.Count - tasks.Count} retries), {completed} completed by the daemons, {acknowledged.Values.Sum(v => v.Count)} messages acknowledged, " +
                                  $"{retries} retried calls, {clock.Elapsed.TotalSeconds:F0} s in all");
        Assert.That(errors, Is.Empty, "4xx answers to the daemon's own calls:\n" + server.Tail);
        Assert.That(downtimes, Has.Count.EqualTo(KillAfterCompleted.Length), "the server was killed and restarted");
        Assert.That(claims.Where(kv => kv.Value > 1).Select(kv => kv.Key), Is.Empty, "a task reached two claim answers");
        Assert.That(lost, Is.Empty, "acknowledged messages missing from the database");
        foreach (var task in tasks)
        {
            var row = rows.Single(r => r.Id == task);
            var ended = row.Status == "completed" ||
                        (row.Status == "failed" && rows.Any(r => r.IssueId == row.IssueId && r.Id != task && r.Status == "completed"));
            Assert.That(ended, Is.True, $"task {task} ended {row.Status}");
        }
        Assert.That(rows.Where(r => r.Status is "queued" or "dispatched" or "running"), Is.Empty, "nothing is left in flight");
    }

    private static async Task<List<TaskRow>> TaskRowsAsync(IEnumerable<Guid> agents) =>
        [.. await WorkspaceData.TasksAsync("agent_id = ANY(@a)", ("a", agents.ToArray()))];

    private static async Task<Dictionary<Guid, HashSet<int>>> StoredSeqsAsync(IReadOnlyList<Guid> tasks)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT task_id, seq FROM task_message WHERE task_id = ANY(@t)", connection);
        command.Parameters.AddWithValue("t", tasks.ToArray());
        var stored = new Dictionary<Guid, HashSet<int>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!stored.TryGetValue(reader.GetGuid(0), out var seqs))
                stored[reader.GetGuid(0)] = seqs = [];
            seqs.Add(reader.GetInt32(1));
        }
        return stored;
    }
}
