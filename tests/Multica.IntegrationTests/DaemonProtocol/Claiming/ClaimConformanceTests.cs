using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Claiming;

/// <summary>Conformance ids C26–C33 (tests/README.md): the claim, plus the claim fields later daemon releases read.</summary>
public sealed class ClaimConformanceTests
{
    private static Task<JsonElement> ClaimAsync(DaemonWorld w) =>
        w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);

    [Test]
    [Property("Id", "C26")]
    public async Task Claim_AutopilotRunOnlyTask_FillsAutopilotWorkspace()
    {
        var w = await WorldAsync(repos: """[{"url":"git@x:r.git","description":"R"}]""");
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var (autopilot, run) = await AutopilotRunAsync(w.Workspace.Id, agent, w.Owner.Id, payload: "{}");
        var taskId = await TaskAsync(agent, w.RuntimeId, runId: run, priority: 0);
        var task = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(task.Str("id"), Is.EqualTo(taskId.ToString()));
        Assert.That(task.Str("workspace_id"), Is.EqualTo(w.Workspace.Id.ToString()));
        Assert.That(task.Str("issue_id"), Is.EqualTo(""));
        Assert.That(task.Str("autopilot_run_id"), Is.EqualTo(run.ToString()));
        Assert.That(task.Str("autopilot_id"), Is.EqualTo(autopilot.ToString()));
        Assert.That(task.Str("autopilot_title"), Is.EqualTo("Nightly"));
        Assert.That(task.Str("autopilot_description"), Is.EqualTo("Runs nightly"));
        Assert.That(task.Str("autopilot_source"), Is.EqualTo("manual"));
        Assert.That(task.GetProperty("autopilot_trigger_payload").ValueKind, Is.EqualTo(JsonValueKind.Object), "a stored {} is sent verbatim");
        Assert.That(task.GetProperty("repos")[0].Str("url"), Is.EqualTo("git@x:r.git"));
    }

    [Test]
    [Property("Id", "C27")]
    public async Task Claim_TaskOfIssueInAnotherWorkspace_Returns500AndCancelsTask()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var foreignWs = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var foreignIssue = await IssueAsync(foreignWs.Id, w.Owner.Id);
        var taskId = await TaskAsync(agent, w.RuntimeId, issueId: foreignIssue);
        await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim")
            .ExpectErrorAsync(HttpStatusCode.InternalServerError, "task workspace isolation check failed");
        Assert.That(await TaskStatusAsync(taskId), Is.EqualTo("cancelled"));
        Assert.That(await ScalarAsync<bool>("SELECT completed_at IS NOT NULL FROM agent_task_queue WHERE id = @id", ("id", taskId)), Is.True);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM task_token WHERE task_id = @id", ("id", taskId)), Is.EqualTo(0));
    }

    [Test]
    [Property("Id", "C28")]
    public async Task Claim_NothingRunnable_ReturnsNullTask()
    {
        var w = await WorldAsync();
        var body = await ClaimAsync(w);
        Assert.That(body.GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    [Property("Id", "C29")]
    public async Task Claim_RespectsCapacityAndPerIssueAndPerChatSerialisation()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 2);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var chat = await ChatSessionAsync(w.Workspace.Id, agent, w.Owner.Id);
        // In flight: one task on the issue (another runtime counts too) and one chat task.
        var otherRuntime = await RegisterAsync(w.Daemon, w.Workspace.Id, "other-daemon");
        await TaskAsync(agent, otherRuntime, issueId: issue, status: "running");
        await TaskAsync(agent, w.RuntimeId, chatSessionId: chat, status: "dispatched");
        var issue2 = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var queuedIssue2 = await TaskAsync(agent, w.RuntimeId, issueId: issue2);
        Assert.That((await ClaimAsync(w)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null), "capacity 2 is used up");

        await ExecAsync("UPDATE agent SET max_concurrent_tasks = 10 WHERE id = @a", ("a", agent));
        await ExecAsync("UPDATE agent_task_queue SET status = 'completed' WHERE agent_id = @a AND issue_id = @i", ("a", agent), ("i", issue));
        await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "running");
        var blockedByIssue = await TaskAsync(agent, w.RuntimeId, issueId: issue, priority: 4);
        var blockedByChat = await TaskAsync(agent, w.RuntimeId, chatSessionId: chat, priority: 4);
        var claimed = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(claimed.Str("id"), Is.EqualTo(queuedIssue2.ToString()), "same-issue and same-chat tasks wait");
        Assert.That(await TaskStatusAsync(blockedByIssue), Is.EqualTo("queued"));
        Assert.That(await TaskStatusAsync(blockedByChat), Is.EqualTo("queued"));
    }

    [Test]
    [Property("Id", "C30")]
    public async Task Claim_PicksPriorityThenAge_SetsDispatched_AgentWorking()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var t0 = DateTime.UtcNow.AddMinutes(-10);
        // Run-only tasks have no serialisation key, so all three are claimable.
        async Task<Guid> Queue(int priority, DateTime createdAt) =>
            await TaskAsync(agent, w.RuntimeId, runId: (await AutopilotRunAsync(w.Workspace.Id, agent, w.Owner.Id)).RunId,
                priority: priority, createdAt: createdAt);
        await Queue(1, t0);
        await Queue(3, t0.AddMinutes(2));
        var oldHigh = await Queue(3, t0.AddMinutes(1));
        var task = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(task.Str("id"), Is.EqualTo(oldHigh.ToString()));
        Assert.That(task.Str("status"), Is.EqualTo("dispatched"));
        Assert.That(task.GetProperty("dispatched_at").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent WHERE id = @a", ("a", agent)), Is.EqualTo("working"));
        Assert.That(Events("agent:status").Any(e => e.WorkspaceId == w.Workspace.Id), Is.True);
        Assert.That(Events("task:dispatch", p => p.HasTask(oldHigh)), Has.Count.EqualTo(1));
    }

    [Test]
    [Property("Id", "C31")]
    public async Task Claim_IncludesAgentReposTriggerAndPriorSession_OthersHaveEmptyWorkspace()
    {
        var w = await WorldAsync(repos: """[{"url":"git@x:api.git","description":"API"}]""");
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, name: "Coder", customEnv: """{"ANTHROPIC_BASE_URL":"https://proxy"}""",
            customArgs: """["--fast"]""", mcpConfig: "{}", model: "claude-sonnet-4", instructions: "Be brief");
        var skillB = await ScalarAsync<Guid>("INSERT INTO skill (workspace_id, name, content) VALUES (@w, 'zeta', 'Z') RETURNING id", ("w", w.Workspace.Id));
        var skillA = await ScalarAsync<Guid>("INSERT INTO skill (workspace_id, name, content) VALUES (@w, 'alpha', '# A') RETURNING id", ("w", w.Workspace.Id));
        await ExecAsync("INSERT INTO agent_skill (agent_id, skill_id) VALUES (@a, @s1), (@a, @s2)", ("a", agent), ("s1", skillA), ("s2", skillB));
        await ExecAsync("INSERT INTO skill_file (skill_id, path, content) VALUES (@s, 'b.md', 'bb'), (@s, 'a.md', 'aa')", ("s", skillA));
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "failed", sessionId: "sess-old", workDir: "/w/old", completedAt: DateTime.UtcNow.AddHours(-2));
        await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "completed", sessionId: "sess-new", workDir: "/w/new", completedAt: DateTime.UtcNow.AddHours(-1));
        var comment = await CommentAsync(issue, w.Workspace.Id, "member", w.Owner.Id, "please also fix the tests");
        var taskId = await TaskAsync(agent, w.RuntimeId, issueId: issue, triggerCommentId: comment);

        var task = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(task.Str("workspace_id"), Is.EqualTo(w.Workspace.Id.ToString()));
        var agentBlock = task.GetProperty("agent");
        Assert.That(agentBlock.Str("id"), Is.EqualTo(agent.ToString()));
        Assert.That(agentBlock.Str("name"), Is.EqualTo("Coder"));
        Assert.That(agentBlock.Str("instructions"), Is.EqualTo("Be brief"));
        Assert.That(agentBlock.GetProperty("skills").EnumerateArray().Select(s => s.Str("name")), Is.EqualTo(new[] { "alpha", "zeta" }));
        Assert.That(agentBlock.GetProperty("skills")[0].GetProperty("files").EnumerateArray().Select(f => f.Str("path")), Is.EqualTo(new[] { "a.md", "b.md" }));
        Assert.That(agentBlock.GetProperty("skills")[1].TryGetProperty("files", out _), Is.False);
        Assert.That(agentBlock.GetProperty("custom_env").Str("ANTHROPIC_BASE_URL"), Is.EqualTo("https://proxy"));
        Assert.That(agentBlock.GetProperty("custom_args")[0].GetString(), Is.EqualTo("--fast"));
        Assert.That(agentBlock.GetProperty("mcp_config").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(agentBlock.Str("model"), Is.EqualTo("claude-sonnet-4"));
        Assert.That(task.GetProperty("repos")[0].Str("url"), Is.EqualTo("git@x:api.git"));
        Assert.That(task.Str("trigger_comment_id"), Is.EqualTo(comment.ToString()));
        Assert.That(task.Str("trigger_comment_content"), Is.EqualTo("please also fix the tests"));
        Assert.That(task.Str("trigger_author_type"), Is.EqualTo("member"));
        Assert.That(task.Str("trigger_author_name"), Is.Not.Empty);
        Assert.That(task.Str("prior_session_id"), Is.EqualTo("sess-new"));
        Assert.That(task.Str("prior_work_dir"), Is.EqualTo("/w/new"));
        Assert.That(task.TryGetProperty("failure_reason", out _), Is.False);
        Assert.That(task.TryGetProperty("chat_session_id", out _), Is.False);

        var started = await w.Daemon.PostAsync($"/api/daemon/tasks/{taskId}/start").ExpectAsync(HttpStatusCode.OK);
        Assert.That(started.Str("workspace_id"), Is.EqualTo(""), "non-claim task objects carry an empty workspace_id");
        Assert.That(started.TryGetProperty("agent", out _), Is.False);
        Assert.That(started.TryGetProperty("repos", out _), Is.False);
        Assert.That(started.TryGetProperty("auth_token", out _), Is.False);
    }

    [Test]
    [Property("Id", "C32")]
    public async Task Claim_ChatTask_CarriesSessionMessageAndPriorSessionFallback()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var chat = await ChatSessionAsync(w.Workspace.Id, agent, w.Owner.Id);
        var now = DateTime.UtcNow;
        await ChatMessageAsync(chat, "user", "first question", now.AddMinutes(-3));
        await ChatMessageAsync(chat, "assistant", "answer", now.AddMinutes(-2));
        await ChatMessageAsync(chat, "user", "second question", now.AddMinutes(-1));
        await TaskAsync(agent, w.RuntimeId, chatSessionId: chat, status: "completed", sessionId: "chat-sess", workDir: "/w/chat", completedAt: now.AddMinutes(-2));
        await TaskAsync(agent, w.RuntimeId, chatSessionId: chat, priority: 2);
        var task = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(task.Str("chat_session_id"), Is.EqualTo(chat.ToString()));
        Assert.That(task.Str("chat_message"), Is.EqualTo("second question"));
        Assert.That(task.Str("prior_session_id"), Is.EqualTo("chat-sess"));
        Assert.That(task.Str("prior_work_dir"), Is.EqualTo("/w/chat"));
        Assert.That(task.Str("workspace_id"), Is.EqualTo(w.Workspace.Id.ToString()));

        // The session's own pointer wins over the task history.
        await ExecAsync("UPDATE chat_session SET session_id = 'pinned', work_dir = '/w/pinned' WHERE id = @c", ("c", chat));
        await ExecAsync("UPDATE agent_task_queue SET status = 'completed' WHERE chat_session_id = @c AND status = 'dispatched'", ("c", chat));
        await TaskAsync(agent, w.RuntimeId, chatSessionId: chat);
        task = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(task.Str("prior_session_id"), Is.EqualTo("pinned"));
        Assert.That(task.Str("prior_work_dir"), Is.EqualTo("/w/pinned"));
    }

    [Test]
    [Property("Id", "C33")]
    public async Task Claim_UnknownRuntime_404RuntimeNotFound_ForeignRuntime_404NotFound()
    {
        var w = await WorldAsync();
        var stranger = await WorldAsync();
        await w.Daemon.PostAsync($"/api/daemon/runtimes/{Guid.NewGuid()}/tasks/claim").ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        await w.Daemon.PostAsync("/api/daemon/runtimes/not-a-uuid/tasks/claim").ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        await w.Daemon.PostAsync($"/api/daemon/runtimes/{stranger.RuntimeId}/tasks/claim").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    [Property("Id", "N03")]
    public async Task Claim_CarriesTaskScopedTokenAndAgentIdentity()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        await TaskAsync(agent, w.RuntimeId, issueId: issue);
        var task = (await ClaimAsync(w)).GetProperty("task");
        Assert.That(task.Str("auth_token"), Does.Match("^mat_[0-9a-f]{40}$"));
        Assert.That(task.GetProperty("agent").Str("id"), Is.EqualTo(task.Str("agent_id")));
        var row = await ScalarAsync<Guid>("SELECT user_id FROM task_token WHERE task_id = @t", ("t", Guid.Parse(task.Str("id"))));
        Assert.That(row, Is.EqualTo(w.Owner.Id), "the token acts as the runtime's owner");
    }

    [Test]
    [Property("Id", "N06")]
    public async Task TaskToken_StopsWorkingWhenTheTaskEnds()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        await TaskAsync(agent, w.RuntimeId, issueId: issue);
        var task = await ClaimAndStartAsync(w);
        var agentClient = TestData.ClientWith(task.Str("auth_token"));
        await agentClient.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task.Str("id")}/complete", new { output = "done" }).ExpectAsync(HttpStatusCode.OK);
        await agentClient.GetAsync("/api/me").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }

    [Test]
    [Property("Id", "N07")]
    public async Task Claim_RuntimeWithoutOwner_Returns500AndCancelsTask()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var token = TestData.ClientWith(await TestData.IssueDaemonTokenAsync(owner.Client, ws.Id, "ownerless"));
        var runtime = await RegisterAsync(token, ws.Id, "ownerless");
        var agent = await AgentAsync(ws.Id, runtime);
        var issue = await IssueAsync(ws.Id, owner.Id);
        var taskId = await TaskAsync(agent, runtime, issueId: issue);
        await token.PostAsync($"/api/daemon/runtimes/{runtime}/tasks/claim")
            .ExpectErrorAsync(HttpStatusCode.InternalServerError, "runtime owner required to mint task token");
        Assert.That(await TaskStatusAsync(taskId), Is.EqualTo("cancelled"));
    }
}
