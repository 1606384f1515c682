using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Cluster;

/// <summary>
/// Two API nodes, each on its own port, on the suite's one PostgreSQL and one Redis; every client talks to
/// them over real HTTP and WebSockets. What one node does must be seen, once, through the other.
/// </summary>
[NonParallelizable]
public sealed class MultiNodeTests
{
    private ClusterNode _a = null!;
    private ClusterNode _b = null!;

    [OneTimeSetUp]
    public void StartNodes()
    {
        _a = ClusterNode.Start(ClusterSettings.NoSweeper);
        _b = ClusterNode.Start(ClusterSettings.NoSweeper);
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private sealed record World(SignedInUser Owner, Guid WorkspaceId, string Pat, string DaemonId, Guid RuntimeId, Guid AgentId);

    /// <summary>A workspace with a PAT-registered runtime (through node A) and one agent on it.</summary>
    private async Task<World> WorldAsync(int maxConcurrent = 6)
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var pat = await TestData.CreatePatAsync(owner.Client);
        var daemonId = "daemon-" + Guid.NewGuid().ToString("N")[..8];
        var runtimeId = await RegisterAsync(_a.Client(pat), ws.Id, daemonId);
        var agentId = await AgentAsync(ws.Id, runtimeId, maxConcurrent: maxConcurrent);
        return new World(owner, ws.Id, pat, daemonId, runtimeId, agentId);
    }

    [Test, CancelAfter(60_000)]
    public async Task TaskEnqueuedOnA_IsAnnouncedToDaemonSocketOnB_AndClaimedExactlyOnce()
    {
        var w = await WorldAsync();
        await using var socket = await _b.DaemonSocketAsync(w.Pat, w.RuntimeId);
        await socket.HeartbeatAsync(w.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);

        var issue = await _a.Client(w.Pat, w.WorkspaceId).PostAsync("/api/issues",
            new { title = "Cross-node", status = "todo", assignee_type = "agent", assignee_id = w.AgentId }).ExpectAsync(HttpStatusCode.Created);

        var wake = await socket.WaitForAsync("daemon:task_available");
        Assert.That(wake, Is.Not.Null, "node B's daemon socket heard no wake-up for node A's task");
        Assert.That(wake!.Value.Str("runtime_id"), Is.EqualTo(w.RuntimeId.ToString()));

        var claim = await socket.ClaimAsync(w.DaemonId, w.RuntimeId, maxTasks: 4);
        Assert.That(claim, Is.Not.Null, "no rpc reply");
        var tasks = claim!.Value.GetProperty("tasks");
        Assert.That(tasks.GetArrayLength(), Is.EqualTo(1));
        Assert.That(tasks[0].Str("issue_id"), Is.EqualTo(issue.Str("id")));

        // Nobody else gets it: neither node A over HTTP nor the socket again.
        var again = await _a.Client(w.Pat).PostAsync("/api/daemon/tasks/claim",
            new { daemon_id = w.DaemonId, runtime_ids = new[] { w.RuntimeId }, max_tasks = 4 }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(again.GetProperty("tasks").GetArrayLength(), Is.EqualTo(0));
        Assert.That((await socket.ClaimAsync(w.DaemonId, w.RuntimeId, maxTasks: 4))!.Value.GetProperty("tasks").GetArrayLength(), Is.EqualTo(0));
    }

    [Test, CancelAfter(60_000)]
    public async Task WebClientOnB_SeesTaskEventsFromA_InOrder_Once()
    {
        var w = await WorldAsync();
        await using var web = await _b.WebSocketAsync(w.Owner.Jwt, w.WorkspaceId);
        var daemon = _a.Client(w.Pat);
        var issueId = await IssueAsync(w.WorkspaceId, w.Owner.Id);
        var taskId = await TaskAsync(w.AgentId, w.RuntimeId, issueId: issueId);

        var claim = await daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);
        Assert.That(claim.GetProperty("task").Str("id"), Is.EqualTo(taskId.ToString()));
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/start").ExpectAsync(HttpStatusCode.OK);
        for (var seq = 1; seq <= 3; seq++)
            await daemon.PostAsync($"/api/daemon/tasks/{taskId}/messages",
                new { messages = new[] { new { seq, type = "text", content = "step " + seq } } }).ExpectAsync(HttpStatusCode.OK);
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/complete", new { output = "Done." }).ExpectAsync(HttpStatusCode.OK);

        var seen = new List<string>();
        while (!seen.Contains("task:completed"))
        {
            var frame = await web.ReceiveAsync(TimeSpan.FromSeconds(10));
            Assert.That(frame, Is.Not.Null, $"node B's web client stopped hearing node A's events after [{string.Join(", ", seen)}]");
            var type = frame!.Value.Str("type");
            if (!type.StartsWith("task:", StringComparison.Ordinal) || !frame.Value.GetProperty("payload").ToString().Contains(taskId.ToString()))
                continue;
            seen.Add(type == "task:message" ? "task:message#" + frame.Value.GetProperty("payload").GetProperty("seq").GetInt32() : type);
        }
        Assert.That(seen.Where(t => t != "task:progress"), Is.EqualTo(new[]
        {
            "task:dispatch", "task:message#1", "task:message#2", "task:message#3", "task:completed",
        }), "each event once, in publish order");
        // Nothing arrives twice after the fact either.
        var late = await web.ReceiveAsync(TimeSpan.FromMilliseconds(500));
        Assert.That(late is { } l && l.Str("type") == "task:completed", Is.False, "task:completed delivered twice");
    }

    [Test, CancelAfter(60_000)]
    public async Task PendingRequestCreatedOnA_IsHandedOutOnce_ByHeartbeatsSpreadOverBothNodes()
    {
        var w = await WorldAsync();
        var user = _a.Client(w.Owner.Jwt, w.WorkspaceId);
        var id = (await user.PostAsync($"/api/runtimes/{w.RuntimeId}/models").ExpectAsync(HttpStatusCode.OK)).Str("id");

        var heartbeats = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? _a : _b).Client(w.Pat).PostAsync("/api/daemon/heartbeat", new { runtime_id = w.RuntimeId }).ExpectAsync(HttpStatusCode.OK)));
        var handedOut = heartbeats.Where(h => h.TryGetProperty("pending_model_list", out _))
            .Select(h => h.GetProperty("pending_model_list").Str("id")).ToList();
        Assert.That(handedOut, Is.EqualTo(new[] { id }), "exactly one heartbeat, on whichever node, carries the request");
    }

    /// <summary>B remembers an empty pending-request probe; a create on A reaches B as a relayed hint and clears it.</summary>
    [Test, CancelAfter(60_000)]
    public async Task PendingRequestCreatedOnA_AfterAnEmptyHeartbeatOnB_IsHandedOutByB_WellBeforeTheMarkExpires()
    {
        var w = await WorldAsync();
        var daemonOnB = _b.Client(w.Pat);
        Task<JsonElement> HeartbeatOnB() => daemonOnB.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.RuntimeId }).ExpectAsync(HttpStatusCode.OK);
        Assert.That((await HeartbeatOnB()).TryGetProperty("pending_model_list", out _), Is.False);

        var id = (await _a.Client(w.Owner.Jwt, w.WorkspaceId).PostAsync($"/api/runtimes/{w.RuntimeId}/models")
            .ExpectAsync(HttpStatusCode.OK)).Str("id");

        var clock = Stopwatch.StartNew();
        string? handedOut = null;
        while (handedOut is null && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await HeartbeatOnB()).TryGetProperty("pending_model_list", out var pending))
                handedOut = pending.Str("id");
            else
                await Task.Delay(100);
        }
        Assert.That(handedOut, Is.EqualTo(id), "B's heartbeat carries the request within 10 s (a mark lives 30 s)");
    }

    [Test, CancelAfter(60_000)]
    public async Task PatRevokedOnA_IsRefusedOnB_WithinOneSecond()
    {
        var owner = await TestData.SignInAsync();
        var created = await _a.Client(owner.Jwt).PostAsync("/api/tokens", new { name = "cli" }).ExpectAsync(HttpStatusCode.Created);
        var pat = created.Str("token");
        // Node B has the credential cached.
        await _b.Client(pat).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        await _b.Client(pat).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);

        await _a.Client(owner.Jwt).DeleteAsync($"/api/tokens/{created.Str("id")}").ExpectAsync(HttpStatusCode.NoContent);
        var revokedAt = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await _b.Client(pat).GetAsync("/api/me");
            status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
                break;
            await Task.Delay(20);
        } while (revokedAt.Elapsed < TimeSpan.FromSeconds(1));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), "node B still accepted the revoked PAT after 1 s");
    }

    [Test, CancelAfter(180_000)]
    public async Task FiveHundredTasks_EightWorkersOverBothNodes_EachClaimedOnce(CancellationToken cancel)
    {
        const int total = 500;
        var w = await WorldAsync(maxConcurrent: 50);
        var (_, run) = await AutopilotRunAsync(w.WorkspaceId, w.AgentId, w.Owner.Id);
        await ExecAsync("""
            INSERT INTO agent_task_queue (agent_id, runtime_id, autopilot_run_id, priority, status, created_at)
            SELECT @a, @r, @run, g % 5, 'queued', now() - make_interval(secs => g) FROM generate_series(1, @n) AS g
            """, ("a", w.AgentId), ("r", w.RuntimeId), ("run", run), ("n", total));

        var claimed = new ConcurrentDictionary<string, int>();
        var done = 0;
        var workers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var daemon = (i % 2 == 0 ? _a : _b).Client(w.Pat);
            while (Volatile.Read(ref done) < total && !cancel.IsCancellationRequested)
            {
                var body = await daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);
                var task = body.GetProperty("task");
                if (task.ValueKind == JsonValueKind.Null)
                {
                    await Task.Delay(5);
                    continue;
                }
                var id = task.Str("id");
                claimed.AddOrUpdate(id, 1, (_, n) => n + 1);
                await ExecAsync("UPDATE agent_task_queue SET status = 'completed', started_at = now(), completed_at = now() WHERE id = @id",
                    ("id", Guid.Parse(id)));
                Interlocked.Increment(ref done);
            }
        })).ToList();
        await Task.WhenAll(workers);

        Assert.That(claimed, Has.Count.EqualTo(total), "every task claimed");
        Assert.That(claimed.Values.All(n => n == 1), Is.True, "no task claimed twice");
    }
}

/// <summary>Settings shared by the cluster tests' nodes.</summary>
internal static class ClusterSettings
{
    public static readonly IReadOnlyDictionary<string, string?> NoSweeper = new Dictionary<string, string?>
    {
        ["Sweeper:Enabled"] = "false",
    };

    /// <summary>A sweeper every second whose thresholds no test's data ever reaches, so it competes for the lease without touching rows.</summary>
    public static readonly IReadOnlyDictionary<string, string?> HarmlessSweeper = new Dictionary<string, string?>
    {
        ["Sweeper:Enabled"] = "true",
        ["Sweeper:IntervalSeconds"] = "1",
        ["Sweeper:RuntimeStaleSeconds"] = "1000000000",
        ["Sweeper:DispatchTimeoutSeconds"] = "1000000000",
        ["Sweeper:RunTimeoutSeconds"] = "1000000000",
        ["Sweeper:RuntimeGcDays"] = "100000",
    };
}
