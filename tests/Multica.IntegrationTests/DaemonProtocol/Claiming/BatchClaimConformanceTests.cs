using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Claiming;

/// <summary>docs/daemon-protocol.md items for the machine-level batch claim, the GC fallback route and start-up.</summary>
public sealed class BatchClaimConformanceTests
{
    private static Task<HttpResponseMessage> BatchAsync(ApiClient client, object body, string path = "/api/daemon/tasks/claim") =>
        client.PostAsync(path, body);

    private static async Task<List<JsonElement>> ClaimAllAsync(DaemonWorld w, IEnumerable<Guid> runtimes, int maxTasks = 10)
    {
        var body = await BatchAsync(w.Daemon, new { daemon_id = w.DaemonId, runtime_ids = runtimes.Select(r => r.ToString()), max_tasks = maxTasks })
            .ExpectAsync(HttpStatusCode.OK);
        return body.GetProperty("tasks").EnumerateArray().ToList();
    }

    private static async Task<Guid> QueuedIssueTaskAsync(DaemonWorld w, Guid agent, Guid? runtime = null) =>
        await TaskAsync(agent, runtime ?? w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));

    [Test]
    [Property("Id", "N25")]
    public async Task BatchClaim_Validation_AndMaxTasksZeroDispatchesNothing()
    {
        var w = await WorldAsync();
        var task = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, w.RuntimeId));
        await BatchAsync(w.Daemon, new { runtime_ids = new[] { w.Runtime }, max_tasks = 1 }).ExpectErrorAsync(HttpStatusCode.BadRequest, "daemon_id is required");
        await BatchAsync(w.Daemon, new { daemon_id = w.DaemonId, runtime_ids = new[] { w.Runtime }, max_tasks = -1 })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "max_tasks must not be negative");
        var none = await BatchAsync(w.Daemon, new { daemon_id = w.DaemonId, runtime_ids = new[] { w.Runtime }, max_tasks = 0 }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(none.GetProperty("tasks").ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(none.GetProperty("tasks").GetArrayLength(), Is.Zero);
        Assert.That(await TaskStatusAsync(task), Is.EqualTo("queued"));
        await w.Daemon.PostRawAsync("/api/daemon/tasks/claim", "{nope").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Test]
    [Property("Id", "N26")]
    public async Task BatchClaim_DaemonTokenForAnotherDaemon_Is403()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var token = TestData.ClientWith(await TestData.IssueDaemonTokenAsync(owner.Client, ws.Id, "daemon-a"));
        await BatchAsync(token, new { daemon_id = "daemon-b", runtime_ids = Array.Empty<string>(), max_tasks = 1 })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "daemon_id does not match token");
        var ok = await BatchAsync(token, new { daemon_id = "daemon-a", runtime_ids = Array.Empty<string>(), max_tasks = 1 }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.GetProperty("tasks").GetArrayLength(), Is.Zero);
    }

    [Test]
    [Property("Id", "N27")]
    public async Task BatchClaim_SkipsMalformedUnknownForeignAndOtherDaemonRuntimes()
    {
        var w = await WorldAsync();
        var own = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, w.RuntimeId));

        var stranger = await WorldAsync();
        var foreignTask = await QueuedIssueTaskAsync(stranger, await AgentAsync(stranger.Workspace.Id, stranger.RuntimeId));
        var otherDaemonRuntime = await RegisterAsync(w.Daemon, w.Workspace.Id, "another-daemon", "codex");
        var otherDaemonTask = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, otherDaemonRuntime), otherDaemonRuntime);

        var skippedOnly = await BatchAsync(w.Daemon, new
        {
            daemon_id = w.DaemonId, max_tasks = 10,
            runtime_ids = new[] { "not-a-uuid", Guid.NewGuid().ToString(), stranger.Runtime, otherDaemonRuntime.ToString() },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(skippedOnly.GetProperty("tasks").ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(skippedOnly.GetProperty("tasks").GetArrayLength(), Is.Zero);

        var noIds = await BatchAsync(w.Daemon, new { daemon_id = w.DaemonId, max_tasks = 10 }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(noIds.GetProperty("tasks").ValueKind, Is.EqualTo(JsonValueKind.Array));

        var mixed = await BatchAsync(w.Daemon, new
        {
            daemon_id = w.DaemonId, max_tasks = 10,
            runtime_ids = new[] { "not-a-uuid", stranger.Runtime, w.Runtime, otherDaemonRuntime.ToString(), w.Runtime },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(mixed.GetProperty("tasks").EnumerateArray().Select(t => t.Str("id")), Is.EqualTo(new[] { own.ToString() }));
        Assert.That(await TaskStatusAsync(foreignTask), Is.EqualTo("queued"));
        Assert.That(await TaskStatusAsync(otherDaemonTask), Is.EqualTo("queued"));
    }

    [Test]
    [Property("Id", "N28")]
    public async Task BatchClaim_AtMostMinOfMaxTasksAnd32_NeverTwoTasksOfOneAgent()
    {
        var w = await WorldAsync();
        await ExecAsync("""
            WITH agents AS (
                INSERT INTO agent (workspace_id, runtime_id, runtime_mode, name, max_concurrent_tasks, status)
                SELECT @w, @r, 'local', 'cap-' || g, 6, 'idle' FROM generate_series(1, 40) g RETURNING id),
            numbered AS (SELECT id, row_number() OVER () AS n FROM agents),
            issues AS (
                INSERT INTO issue (workspace_id, title, status, priority, creator_type, creator_id, number)
                SELECT @w, 'cap ' || n, 'todo', 'none', 'member', @o, n FROM numbered RETURNING id, number)
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, status, priority)
            SELECT a.id, @r, i.id, 'queued', 2 FROM numbered a JOIN issues i ON i.number = a.n
            """, ("w", w.Workspace.Id), ("r", w.RuntimeId), ("o", w.Owner.Id));
        Assert.That(await ClaimAllAsync(w, [w.RuntimeId], maxTasks: 3), Has.Count.EqualTo(3));
        var capped = await ClaimAllAsync(w, [w.RuntimeId], maxTasks: 100);
        Assert.That(capped, Has.Count.EqualTo(32));

        var other = await WorldAsync();
        var busy = await AgentAsync(other.Workspace.Id, other.RuntimeId, maxConcurrent: 6);
        var quiet = await AgentAsync(other.Workspace.Id, other.RuntimeId, maxConcurrent: 6);
        for (var i = 0; i < 4; i++)
            await QueuedIssueTaskAsync(other, busy);
        await QueuedIssueTaskAsync(other, quiet);
        var batch = await ClaimAllAsync(other, [other.RuntimeId], maxTasks: 10);
        var agents = batch.Select(t => t.Str("agent_id")).ToList();
        Assert.That(agents, Is.Unique, "one task per agent per response");
        Assert.That(agents, Is.EquivalentTo(new[] { busy.ToString(), quiet.ToString() }));
        // The next poll picks up the busy agent's next task.
        Assert.That((await ClaimAllAsync(other, [other.RuntimeId], maxTasks: 10)).Select(t => t.Str("agent_id")), Is.EqualTo(new[] { busy.ToString() }));
    }

    [Test]
    [Property("Id", "N29")]
    public async Task BatchClaim_PerTaskRuntimeWorkspaceAndEnrichment_IsolationFailureOnlyDropsThatTask()
    {
        var w = await WorldAsync(repos: """[{"url":"git@x:a.git","description":"A"}]""");
        var secondWs = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var secondRuntime = await RegisterAsync(w.Daemon, secondWs.Id, w.DaemonId, "codex");
        var agentA = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var agentB = await AgentAsync(secondWs.Id, secondRuntime);
        var agentC = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var taskA = await QueuedIssueTaskAsync(w, agentA);
        var taskB = await TaskAsync(agentB, secondRuntime, issueId: await IssueAsync(secondWs.Id, w.Owner.Id));
        // C's issue lives in the other workspace: the isolation check must drop it.
        var isolated = await TaskAsync(agentC, w.RuntimeId, issueId: await IssueAsync(secondWs.Id, w.Owner.Id));

        var tasks = (await ClaimAllAsync(w, [w.RuntimeId, secondRuntime])).ToDictionary(t => t.Str("id"));
        Assert.That(tasks.Keys, Is.EquivalentTo(new[] { taskA.ToString(), taskB.ToString() }));
        var a = tasks[taskA.ToString()];
        var b = tasks[taskB.ToString()];
        Assert.That(a.Str("runtime_id"), Is.EqualTo(w.Runtime));
        Assert.That(a.Str("workspace_id"), Is.EqualTo(w.Workspace.Id.ToString()));
        Assert.That(a.GetProperty("repos")[0].Str("url"), Is.EqualTo("git@x:a.git"));
        Assert.That(b.Str("runtime_id"), Is.EqualTo(secondRuntime.ToString()));
        Assert.That(b.Str("workspace_id"), Is.EqualTo(secondWs.Id.ToString()));
        foreach (var t in new[] { a, b })
        {
            Assert.That(t.Str("auth_token"), Does.StartWith("mat_"));
            Assert.That(t.GetProperty("agent").Str("id"), Is.EqualTo(t.Str("agent_id")));
            Assert.That(t.Str("issue_id"), Is.Not.Empty);
        }
        Assert.That(await TaskStatusAsync(isolated), Is.EqualTo("cancelled"));
    }

    [Test]
    [Property("Id", "N30")]
    public async Task ClaimAlias_BehavesLikeBatchClaim()
    {
        var w = await WorldAsync();
        var task = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, w.RuntimeId));
        await BatchAsync(w.Daemon, new { max_tasks = 1 }, "/api/daemon/claim").ExpectErrorAsync(HttpStatusCode.BadRequest, "daemon_id is required");
        await BatchAsync(w.Daemon, new { daemon_id = w.DaemonId, max_tasks = -1 }, "/api/daemon/claim")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "max_tasks must not be negative");
        var body = await BatchAsync(w.Daemon, new { daemon_id = w.DaemonId, runtime_ids = new[] { w.Runtime }, max_tasks = 2 }, "/api/daemon/claim")
            .ExpectAsync(HttpStatusCode.OK);
        var claimed = body.GetProperty("tasks").EnumerateArray().Single();
        Assert.That(claimed.Str("id"), Is.EqualTo(task.ToString()));
        Assert.That(claimed.Str("auth_token"), Does.StartWith("mat_"));
        Assert.That(await TaskStatusAsync(task), Is.EqualTo("dispatched"));
    }

    [Test]
    [Property("Id", "N31")]
    public async Task DispatchedButNeverStarted_IsReofferedAfterTheGrace_UnlessLeased()
    {
        var w = await WorldAsync();
        var lost = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, w.RuntimeId));
        var leased = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, w.RuntimeId));
        var fresh = await QueuedIssueTaskAsync(w, await AgentAsync(w.Workspace.Id, w.RuntimeId));
        var first = await ClaimAllAsync(w, [w.RuntimeId]);
        Assert.That(first, Has.Count.EqualTo(3));
        Assert.That(await ClaimAllAsync(w, [w.RuntimeId]), Is.Empty, "nothing is reoffered within the grace");

        // The daemon lost the response: make two of them look old; one still holds a live prepare lease.
        await ExecAsync("""
            UPDATE agent_task_queue SET dispatched_at = now() - interval '120 seconds', prepare_lease_expires_at = now() - interval '60 seconds'
            WHERE id = @t
            """, ("t", lost));
        await ExecAsync("""
            UPDATE agent_task_queue SET dispatched_at = now() - interval '120 seconds', prepare_lease_expires_at = now() + interval '40 seconds'
            WHERE id = @t
            """, ("t", leased));

        var again = await ClaimAllAsync(w, [w.RuntimeId]);
        Assert.That(again.Select(t => t.Str("id")), Is.EqualTo(new[] { lost.ToString() }));
        Assert.That(again[0].Str("auth_token"), Does.StartWith("mat_"));
        Assert.That(await ScalarAsync<DateTime>("SELECT dispatched_at FROM agent_task_queue WHERE id = @t", ("t", lost)),
            Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromSeconds(30)), "dispatched_at is refreshed");
        Assert.That(await TaskStatusAsync(fresh), Is.EqualTo("dispatched"));
        await w.Daemon.PostAsync($"/api/daemon/tasks/{lost}/start").ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    [Property("Id", "N41")]
    public async Task BatchIssueGcCheck_IsImplemented_UnimplementedNeighboursAnswerExactly404PageNotFound()
    {
        var w = await WorldAsync();
        var ok = await w.Daemon.PostAsync($"/api/daemon/workspaces/{w.Workspace.Id}/issues/gc-check", new { issue_ids = Array.Empty<string>() })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.GetProperty("issues").GetArrayLength(), Is.Zero);
        foreach (var call in new[]
                 {
                     w.Daemon.GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/issues/gc-check"),
                     w.Daemon.PostAsync($"/api/daemon/workspaces/{w.Workspace.Id}/issues/gc-check-v2", new { issue_ids = Array.Empty<string>() }),
                 })
        {
            using var response = await call;
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await response.Content.ReadAsStringAsync()).Trim(), Is.EqualTo("404 page not found"));
        }
    }

    [Test]
    [Property("Id", "N48")]
    public async Task EveryListedWorkspace_CanBeRegisteredWithTheSameCredential()
    {
        var user = await TestData.SignInAsync();
        await TestData.CreateWorkspaceAsync(user.Client);
        var admin = await TestData.SignInAsync();
        var joined = await TestData.CreateWorkspaceAsync(admin.Client);
        await TestData.AddMemberAsync(joined.Id, user.Id, "member");
        var pat = TestData.ClientWith(await TestData.CreatePatAsync(user.Client));

        var listed = await pat.GetAsync("/api/daemon/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed.GetArrayLength(), Is.EqualTo(2));
        foreach (var ws in listed.EnumerateArray())
            await RegisterAsync(pat, Guid.Parse(ws.Str("id")), "startup-daemon");

        var token = TestData.ClientWith(await TestData.IssueDaemonTokenAsync(admin.Client, joined.Id, "token-daemon"));
        var tokenListed = await token.GetAsync("/api/daemon/workspaces").ExpectAsync(HttpStatusCode.OK);
        foreach (var ws in tokenListed.EnumerateArray())
            await RegisterAsync(token, Guid.Parse(ws.Str("id")), "token-daemon");
    }
}
