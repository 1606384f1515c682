using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.TaskRuns;

/// <summary>
/// docs/daemon-protocol.md items for the task token, registration, heartbeat and the task reports,
/// over HTTP against the real database. One test per item, named after it.
/// </summary>
public sealed class TaskTokenConformanceTests
{
    private static Task<JsonElement> ClaimAsync(DaemonProtocol.DaemonWorld w) =>
        w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);

    private static async Task<(DaemonProtocol.DaemonWorld World, Guid Agent, Guid Issue, Guid Task)> QueuedTaskAsync()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: issue);
        return (w, agent, issue, task);
    }

    private static Task<T> Column<T>(Guid taskId, string column) =>
        ScalarAsync<T>($"SELECT {column} FROM agent_task_queue WHERE id = @t", ("t", taskId));

    // ---- task-scoped token ----

    [Test]
    [Property("Id", "N4")]
    public async Task TaskToken_ActsAsRuntimeOwnerAndTaskAgent_HeadersCannotOverride()
    {
        var (w, agent, issue, _) = await QueuedTaskAsync();
        var otherAgent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var otherWorkspace = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var task = await ClaimAndStartAsync(w);

        var cli = TestData.ClientWith(task.Str("auth_token"));
        cli.Http.DefaultRequestHeaders.Add("X-Agent-ID", otherAgent.ToString());
        cli.Http.DefaultRequestHeaders.Add("X-Task-ID", Guid.NewGuid().ToString());
        cli.Http.DefaultRequestHeaders.Add("X-Workspace-ID", otherWorkspace.Id.ToString());

        var me = await cli.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.That(me.Str("id"), Is.EqualTo(w.Owner.Id.ToString()), "the token authenticates as the runtime's owner");

        var comment = await cli.PostAsync($"/api/issues/{issue}/comments", new { content = "from the agent" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(comment.Str("author_type"), Is.EqualTo("agent"));
        Assert.That(comment.Str("author_id"), Is.EqualTo(agent.ToString()), "X-Agent-ID cannot override the bound agent");

        // The seeded issues bypassed the workspace's issue counter.
        await ExecAsync("UPDATE workspace SET issue_counter = 1000 WHERE id = @w", ("w", w.Workspace.Id));
        var created = await cli.PostAsync("/api/issues", new { title = "filed by the agent" }).ExpectAsync(HttpStatusCode.Created);
        var createdIn = await ScalarAsync<Guid>("SELECT workspace_id FROM issue WHERE id = @i", ("i", Guid.Parse(created.Str("id"))));
        Assert.That(createdIn, Is.EqualTo(w.Workspace.Id), "X-Workspace-ID cannot override the bound workspace");
    }

    [Test]
    [Property("Id", "N5")]
    public async Task UnknownOrExpiredTaskToken_Is401InvalidToken()
    {
        var unknown = TestData.ClientWith("mat_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000");
        await unknown.GetAsync("/api/me").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");

        var (w, _, _, taskId) = await QueuedTaskAsync();
        var task = (await ClaimAsync(w)).GetProperty("task");
        await ExecAsync("UPDATE task_token SET expires_at = now() - interval '1 minute' WHERE task_id = @t", ("t", taskId));
        await TestData.ClientWith(task.Str("auth_token")).GetAsync("/api/me").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }

    // ---- claim object ----

    [Test]
    [Property("Id", "N8")]
    public async Task ClaimedTasks_AlwaysCarryAgentBlockMatchingAgentId()
    {
        var (w, agent, _, _) = await QueuedTaskAsync();
        var perRuntime = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(perRuntime.Str("agent_id"), Is.EqualTo(agent.ToString()));
        Assert.That(perRuntime.GetProperty("agent").Str("id"), Is.EqualTo(agent.ToString()));

        var second = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        await TaskAsync(second, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
        var batch = await w.Daemon.PostAsync("/api/daemon/tasks/claim", new { daemon_id = w.DaemonId, runtime_ids = new[] { w.RuntimeId }, max_tasks = 5 })
            .ExpectAsync(HttpStatusCode.OK);
        var task = batch.GetProperty("tasks").EnumerateArray().Single();
        Assert.That(task.Str("agent_id"), Is.EqualTo(second.ToString()));
        Assert.That(task.GetProperty("agent").Str("id"), Is.EqualTo(second.ToString()));
    }

    // ---- register, deregister, heartbeat ----

    [Test]
    [Property("Id", "N9")]
    public async Task Register_AcceptsFailedProfilesAndRuntimeProfileId()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var daemon = TestData.ClientWith(await TestData.CreatePatAsync(owner.Client));
        var body = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = ws.Id, daemon_id = "d-profiles", device_name = "box", cli_version = "v0.4.32", launched_by = "",
            runtimes = new object[]
            {
                new { name = "Claude", type = "claude", version = "2.1.0", status = "online" },
                new { name = "Custom", type = "codex", version = "1.0", status = "online", profile_id = Guid.NewGuid().ToString() },
            },
            failed_profiles = new[] { new { profile_id = Guid.NewGuid().ToString(), command_name = "my-agent", reason = "not found on PATH" } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("runtimes").GetArrayLength(), Is.EqualTo(2));

        // Only failed profiles: upstream answers 200 with no runtimes.
        var onlyFailed = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = ws.Id, daemon_id = "d-profiles", device_name = "box", cli_version = "v0.4.32",
            runtimes = Array.Empty<object>(),
            failed_profiles = new[] { new { profile_id = Guid.NewGuid().ToString(), command_name = "x", reason = "y" } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(onlyFailed.GetProperty("runtimes").GetArrayLength(), Is.Zero);
    }

    [Test]
    [Property("Id", "N10")]
    public async Task RegisterAndRepos_CarryTheWorkspaceSettingsObject()
    {
        var w = await WorldAsync();
        await ExecAsync("""UPDATE workspace SET settings = '{"github_enabled": false, "co_authored_by_enabled": true}'::jsonb WHERE id = @w""",
            ("w", w.Workspace.Id));
        var registered = await w.Daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = w.Workspace.Id, daemon_id = w.DaemonId, device_name = "box", cli_version = "v0.4.32",
            runtimes = new[] { new { name = "", type = "claude", version = "1.0", status = "online" } },
            failed_profiles = Array.Empty<object>(),
        }).ExpectAsync(HttpStatusCode.OK);
        var settings = registered.GetProperty("settings");
        Assert.That(settings.GetProperty("github_enabled").GetBoolean(), Is.False);
        Assert.That(settings.GetProperty("co_authored_by_enabled").GetBoolean(), Is.True);

        var repos = await w.Daemon.GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        Assert.That(repos.GetProperty("settings").GetProperty("github_enabled").GetBoolean(), Is.False);
    }

    [Test]
    [Property("Id", "N11")]
    public async Task Deregister_AcceptsOfflineReasons_AndAnswersOk()
    {
        var w = await WorldAsync();
        var body = await w.Daemon.PostAsync("/api/daemon/deregister", new
        {
            runtime_ids = new[] { w.Runtime },
            offline_reasons = new Dictionary<string, object>
            {
                [w.Runtime] = new { code = "not_executable", detail = "permission denied", repair = new { command = "chmod +x claude" } },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("ok"));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @r", ("r", w.RuntimeId)), Is.EqualTo("offline"));
    }

    [Test]
    [Property("Id", "N13")]
    public async Task Heartbeat_WithBatchImportSupport_HandsOutOneImportAtATime()
    {
        var w = await WorldAsync();
        var user = TestData.ClientWith(w.Owner.Jwt);
        user.Http.DefaultRequestHeaders.Add("X-Workspace-ID", w.Workspace.Id.ToString());
        var first = (await user.PostAsync($"/api/runtimes/{w.RuntimeId}/local-skills/import", new { skill_key = "first" }).ExpectAsync(HttpStatusCode.OK)).Str("id");
        var second = (await user.PostAsync($"/api/runtimes/{w.RuntimeId}/local-skills/import", new { skill_key = "second" }).ExpectAsync(HttpStatusCode.OK)).Str("id");

        var handed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var beat = await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime, supports_batch_import = true })
                .ExpectAsync(HttpStatusCode.OK);
            Assert.That(beat.Str("status"), Is.EqualTo("ok"));
            Assert.That(beat.TryGetProperty("pending_local_skill_imports", out _), Is.False, "this server hands out one import at a time");
            if (beat.TryGetProperty("pending_local_skill_import", out var import))
                handed.Add(import.Str("id"));
        }
        Assert.That(handed, Is.EqualTo(new[] { first, second }), "each import exactly once, in order");
    }

    // ---- task reports ----

    [Test]
    [Property("Id", "N14")]
    public async Task Status_DeletedTaskIs404TaskNotFound_ForeignTaskIs404NotFound()
    {
        var (w, _, _, taskId) = await QueuedTaskAsync();
        var stranger = await WorldAsync();
        await stranger.Daemon.GetAsync($"/api/daemon/tasks/{taskId}/status").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");

        await ExecAsync("DELETE FROM agent_task_queue WHERE id = @t", ("t", taskId));
        using var response = await w.Daemon.GetAsync($"/api/daemon/tasks/{taskId}/status");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await response.Content.ReadAsStringAsync()).ToLowerInvariant(), Does.Contain("task not found"));
    }

    [Test]
    [Property("Id", "N15")]
    public async Task Start_FromDispatchedAndFromWaitingLocalDirectory_ClearsPrepareLease()
    {
        var (w, agent, _, _) = await QueuedTaskAsync();
        var task = (await ClaimAsync(w)).GetProperty("task");
        var dispatched = Guid.Parse(task.Str("id"));
        Assert.That(await ScalarAsync<bool>("SELECT prepare_lease_expires_at IS NOT NULL FROM agent_task_queue WHERE id = @t", ("t", dispatched)), Is.True);
        var started = await w.Daemon.PostAsync($"/api/daemon/tasks/{dispatched}/start").ExpectAsync(HttpStatusCode.OK);
        Assert.That(started.Str("status"), Is.EqualTo("running"));
        Assert.That(await ScalarAsync<bool>("SELECT prepare_lease_expires_at IS NULL FROM agent_task_queue WHERE id = @t", ("t", dispatched)), Is.True);

        var waiting = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "dispatched");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{waiting}/wait-local-directory", new { reason = "directory busy" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await Column<string>(waiting, "status"), Is.EqualTo("waiting_local_directory"));
        var resumed = await w.Daemon.PostAsync($"/api/daemon/tasks/{waiting}/start").ExpectAsync(HttpStatusCode.OK);
        Assert.That(resumed.Str("status"), Is.EqualTo("running"));
        Assert.That(await ScalarAsync<bool>(
            "SELECT prepare_lease_expires_at IS NULL AND wait_reason IS NULL AND started_at IS NOT NULL FROM agent_task_queue WHERE id = @t",
            ("t", waiting)), Is.True);
    }

    [Test]
    [Property("Id", "N16")]
    public async Task Fail_FromDispatchedWaitingAndRunning_IdempotentOnTerminal()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 10);
        async Task<Guid> NewTask(string status) => await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: status);

        var dispatched = await NewTask("dispatched");
        var waiting = await NewTask("dispatched");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{waiting}/wait-local-directory").ExpectAsync(HttpStatusCode.OK);
        var running = await NewTask("running");
        foreach (var (task, reason) in new[] { (dispatched, "invalid_task_identity"), (waiting, "local_directory_error"), (running, "agent_error.process_failure") })
        {
            var failed = await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/fail", new { error = "boom", failure_reason = reason }).ExpectAsync(HttpStatusCode.OK);
            Assert.That(failed.Str("status"), Is.EqualTo("failed"), reason);
            var replay = await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/fail", new { error = "again", failure_reason = "timeout" }).ExpectAsync(HttpStatusCode.OK);
            Assert.That(replay.Str("status"), Is.EqualTo("failed"));
            Assert.That(await Column<string>(task, "error"), Is.EqualTo("boom"), "a replay changes nothing");
        }

        var completed = await NewTask("completed");
        var onCompleted = await w.Daemon.PostAsync($"/api/daemon/tasks/{completed}/fail", new { error = "late" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(onCompleted.Str("status"), Is.EqualTo("completed"));
    }

    [Test]
    [Property("Id", "N17")]
    public async Task CompleteFail_AcceptNewFields_RolloutMissingAndRetiredSessionsAreNeverResumed()
    {
        var (w, agent, issue, _) = await QueuedTaskAsync();

        // Run 1 leaves a resumable session.
        var run1 = await ClaimAndStartAsync(w);
        await w.Daemon.PostAsync($"/api/daemon/tasks/{run1.Str("id")}/complete", new { output = "one", session_id = "s-1", work_dir = "/w/1" })
            .ExpectAsync(HttpStatusCode.OK);

        // Run 2 is offered s-1, reports a session whose rollout is missing.
        await TaskAsync(agent, w.RuntimeId, issueId: issue);
        var run2 = await ClaimAndStartAsync(w);
        Assert.That(run2.Str("prior_session_id"), Is.EqualTo("s-1"));
        var run2Id = Guid.Parse(run2.Str("id"));
        await w.Daemon.PostAsync($"/api/daemon/tasks/{run2Id}/complete", new
        {
            output = "two", session_id = "s-2", work_dir = "/w/2", branch_name = "agent/two", durable_work_dir = "/home/me/src",
            session_rollout_missing = true,
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<bool>("SELECT session_id IS NULL FROM agent_task_queue WHERE id = @t", ("t", run2Id)), Is.True);
        Assert.That(await Column<string>(run2Id, "branch_name"), Is.EqualTo("agent/two"));
        Assert.That(await Column<string>(run2Id, "durable_work_dir"), Is.EqualTo("/home/me/src"));

        // Run 3 is never offered s-2; it abandons s-1 and fails.
        await TaskAsync(agent, w.RuntimeId, issueId: issue);
        var run3 = await ClaimAndStartAsync(w);
        Assert.That(run3.TryGetProperty("prior_session_id", out var p3) ? p3.GetString() : null, Is.Not.EqualTo("s-2"));
        await w.Daemon.PostAsync($"/api/daemon/tasks/{run3.Str("id")}/fail", new
        {
            error = "resume failed", failure_reason = "agent_error.unknown", retired_session_id = "s-1",
            branch_name = "agent/three", durable_work_dir = "/home/me/src",
        }).ExpectAsync(HttpStatusCode.OK);

        // Run 4: s-1 was retired, s-2 had no rollout — nothing to resume.
        await TaskAsync(agent, w.RuntimeId, issueId: issue);
        var run4 = await ClaimAndStartAsync(w);
        var prior = run4.TryGetProperty("prior_session_id", out var p4) ? p4.GetString() : null;
        Assert.That(prior, Is.Not.EqualTo("s-1").And.Not.EqualTo("s-2"));
    }

    [Test]
    [Property("Id", "N18")]
    public async Task CompleteFail_AcceptAnyFailureReason()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 10);
        foreach (var reason in new[] { "agent_error.provider_network", "invalid_task_identity", "issue_window_restricted", "something.new.v2" })
        {
            var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
            await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/fail", new { error = "x", failure_reason = reason }).ExpectAsync(HttpStatusCode.OK);
            Assert.That(await Column<string>(task, "failure_reason"), Is.EqualTo(reason));
        }
    }

    [Test]
    [Property("Id", "N19")]
    public async Task Complete_OnATaskThatCannotComplete_Is4xx_ReplaysOnTerminalAre200()
    {
        var (w, _, _, queued) = await QueuedTaskAsync();
        using (var response = await w.Daemon.PostAsync($"/api/daemon/tasks/{queued}/complete", new { output = "x" }))
            Assert.That((int)response.StatusCode, Is.InRange(400, 499), await response.Content.ReadAsStringAsync());
        Assert.That(await Column<string>(queued, "status"), Is.EqualTo("queued"));

        var task = await ClaimAndStartAsync(w);
        var id = task.Str("id");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{id}/complete", new { output = "done" }).ExpectAsync(HttpStatusCode.OK);
        var replay = await w.Daemon.PostAsync($"/api/daemon/tasks/{id}/complete", new { output = "done" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(replay.Str("status"), Is.EqualTo("completed"));

        var agent = Guid.Parse(task.Str("agent_id"));
        var failed = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "failed");
        var onFailed = await w.Daemon.PostAsync($"/api/daemon/tasks/{failed}/complete", new { output = "late" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(onFailed.Str("status"), Is.EqualTo("failed"));
    }

    [Test]
    [Property("Id", "N20")]
    public async Task Usage_AcceptsCostUsdTicks()
    {
        var (w, _, _, _) = await QueuedTaskAsync();
        var task = await ClaimAndStartAsync(w);
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task.Str("id")}/usage", new
        {
            usage = new[]
            {
                new { provider = "anthropic", model = "claude-sonnet", input_tokens = 10, output_tokens = 5, cache_read_tokens = 0, cache_write_tokens = 0, cost_usd_ticks = 123_456_789L },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM task_usage WHERE task_id = @t", ("t", Guid.Parse(task.Str("id")))), Is.EqualTo(1));
    }
}
