using System.Net;
using System.Net.Http.Headers;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.DaemonProtocol.TaskRuns;

/// <summary>The routes newer daemons added (docs/daemon-protocol.md); ids in tests/README.md.</summary>
public sealed class PreparationAndGcRouteTests
{
    private sealed record Setup(SignedInUser Owner, TestWorkspace Workspace, Guid RuntimeId, Guid AgentId, ApiClient Daemon);

    private static async Task<Setup> SetUpAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        return new Setup(owner, ws, runtime, agent, TestData.ClientWith(await TestData.CreatePatAsync(owner.Client)));
    }

    private static Task<Guid> DispatchedTaskAsync(Setup s, string status = "dispatched") =>
        DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id)
            .ContinueWith(issue => DaemonSeed.TaskAsync(s.AgentId, s.RuntimeId, issue.Result, status, dispatchedAt: DateTime.UtcNow)).Unwrap();

    private static Task<T> Column<T>(Guid taskId, string column) =>
        DaemonSeed.ScalarAsync<T>($"SELECT {column} FROM agent_task_queue WHERE id = @t", ("t", taskId));

    // ---- cross-cutting ----

    [Test]
    [Property("Id", "N2")]
    public async Task UnimplementedDaemonRoute_Is404PageNotFound_ForEveryMethod()
    {
        var s = await SetUpAsync();
        foreach (var call in new[]
                 {
                     s.Daemon.Http.PutAsync("/api/daemon/workspaces", ApiClient.JsonBody(new { })),
                     s.Daemon.Http.DeleteAsync($"/api/daemon/tasks/{Guid.NewGuid()}/cancel-ack"),
                     s.Daemon.PostAsync("/api/daemon/not-a-route"),
                     s.Daemon.GetAsync($"/api/daemon/runtimes/{s.RuntimeId}/tasks/{Guid.NewGuid()}/prepare-lease"),
                 })
        {
            var body = await call.ExpectAsync(HttpStatusCode.NotFound);
            Assert.That(body.GetString()!.Trim(), Is.EqualTo("404 page not found"));
        }
    }

    // ---- daemon workspaces ----

    [Test]
    [Property("Id", "N21")]
    public async Task DaemonWorkspaces_ListsMemberWorkspacesOrderedById_WithEtag()
    {
        var s = await SetUpAsync();
        var second = await TestData.CreateWorkspaceAsync(s.Owner.Client, "Second");
        using var response = await s.Daemon.GetAsync("/api/daemon/workspaces");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var etag = response.Headers.ETag!.ToString();
        Assert.That(etag, Does.Match("^W/\"[0-9a-f]{64}\"$"));
        Assert.That(response.Headers.CacheControl!.ToString(), Does.Contain("private").And.Contain("no-cache"));
        var list = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var ids = list.EnumerateArray().Select(e => e.Str("id")).ToList();
        Assert.That(ids, Is.EquivalentTo(new[] { s.Workspace.Id.ToString(), second.Id.ToString() }));
        Assert.That(ids, Is.Ordered.Using<string>(StringComparer.Ordinal));
        Assert.That(list.EnumerateArray().Single(e => e.Str("id") == second.Id.ToString()).Str("name"), Is.EqualTo("Second"));
        Assert.That(list[0].EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "name" }));
    }

    [Test]
    [Property("Id", "N12")]
    public async Task DaemonWorkspaces_Returns304OnMatchingEtag_AndANewEtagAfterAChange()
    {
        var s = await SetUpAsync();
        using var first = await s.Daemon.GetAsync("/api/daemon/workspaces");
        var etag = first.Headers.ETag!.ToString();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/daemon/workspaces");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await s.Daemon.Http.SendAsync(request);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await notModified.Content.ReadAsStringAsync(), Is.Empty);

        await DaemonSeed.ExecAsync("UPDATE workspace SET name = 'Renamed' WHERE id = @w", ("w", s.Workspace.Id));
        using var renamed = await s.Daemon.GetAsync("/api/daemon/workspaces");
        Assert.That(renamed.Headers.ETag!.ToString(), Is.Not.EqualTo(etag));

        await TestData.CreateWorkspaceAsync(s.Owner.Client);
        using var joined = await s.Daemon.GetAsync("/api/daemon/workspaces");
        Assert.That(joined.Headers.ETag!.ToString(), Is.Not.EqualTo(renamed.Headers.ETag!.ToString()));
    }

    [Test]
    [Property("Id", "N22")]
    public async Task DaemonWorkspaces_WithDaemonToken_ReturnsExactlyItsWorkspace()
    {
        var s = await SetUpAsync();
        await TestData.CreateWorkspaceAsync(s.Owner.Client);
        var token = await TestData.IssueDaemonTokenAsync(s.Owner.Client, s.Workspace.Id);
        var list = await TestData.ClientWith(token).GetAsync("/api/daemon/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));
        Assert.That(list[0].Str("id"), Is.EqualTo(s.Workspace.Id.ToString()));

        var nobody = await TestData.SignInAsync();
        var empty = await TestData.ClientWith(await TestData.CreatePatAsync(nobody.Client)).GetAsync("/api/daemon/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(empty.GetArrayLength(), Is.Zero);
    }

    // ---- token renew ----

    [Test]
    [Property("Id", "N23")]
    public async Task Renew_SlidesOnlyPatsCloseToExpiry()
    {
        var user = await TestData.SignInAsync();
        var longLived = await TestData.CreatePatAsync(user.Client, expiresInDays: 30);
        var result = await TestData.ClientWith(longLived).PostAsync("/api/tokens/current/renew").ExpectAsync(HttpStatusCode.OK);
        Assert.That(result.GetProperty("renewed").GetBoolean(), Is.False);
        Assert.That(DateTime.Parse(result.Str("expires_at")).ToUniversalTime(), Is.EqualTo(DateTime.UtcNow.AddDays(30)).Within(TimeSpan.FromMinutes(5)));

        var expiring = await TestData.CreatePatAsync(user.Client, expiresInDays: 3);
        var renewed = await TestData.ClientWith(expiring).PostAsync("/api/tokens/current/renew").ExpectAsync(HttpStatusCode.OK);
        Assert.That(renewed.GetProperty("renewed").GetBoolean(), Is.True);
        Assert.That(DateTime.Parse(renewed.Str("expires_at")).ToUniversalTime(), Is.EqualTo(DateTime.UtcNow.AddDays(90)).Within(TimeSpan.FromMinutes(5)));
        // Renewed once; a second call finds it far from expiry.
        var again = await TestData.ClientWith(expiring).PostAsync("/api/tokens/current/renew").ExpectAsync(HttpStatusCode.OK);
        Assert.That(again.GetProperty("renewed").GetBoolean(), Is.False);

        var forever = await TestData.CreatePatAsync(user.Client);
        var never = await TestData.ClientWith(forever).PostAsync("/api/tokens/current/renew").ExpectAsync(HttpStatusCode.OK);
        Assert.That(never.Str("expires_at"), Is.EqualTo(""));
        Assert.That(never.GetProperty("renewed").GetBoolean(), Is.False);

        await user.Client.PostAsync("/api/tokens/current/renew").ExpectErrorAsync(HttpStatusCode.BadRequest, "only personal access tokens can be renewed");
    }

    // ---- runtime profiles ----

    [Test]
    [Property("Id", "N24")]
    public async Task RuntimeProfiles_EmptyList_ForeignWorkspace404()
    {
        var s = await SetUpAsync();
        var body = await s.Daemon.GetAsync($"/api/daemon/workspaces/{s.Workspace.Id}/runtime-profiles").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("workspace_id"), Is.EqualTo(s.Workspace.Id.ToString()));
        Assert.That(body.GetProperty("runtime_profiles").GetArrayLength(), Is.Zero);

        var other = await SetUpAsync();
        await s.Daemon.GetAsync($"/api/daemon/workspaces/{other.Workspace.Id}/runtime-profiles").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await s.Daemon.GetAsync("/api/daemon/workspaces/not-a-uuid/runtime-profiles").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid workspace id");
    }

    // ---- prepare lease ----

    [Test]
    [Property("Id", "N32")]
    public async Task PrepareLease_ExtendsDispatchedTask_RejectsRunning_AndOtherRuntimes()
    {
        var s = await SetUpAsync();
        var task = await DispatchedTaskAsync(s);
        var body = await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/tasks/{task}/prepare-lease").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("id"), Is.EqualTo(task.ToString()));
        Assert.That(body.Str("status"), Is.EqualTo("dispatched"));
        Assert.That(body.Str("workspace_id"), Is.EqualTo(""));
        var lease = await Column<DateTime>(task, "prepare_lease_expires_at");
        Assert.That(lease, Is.EqualTo(DateTime.UtcNow.AddSeconds(45)).Within(TimeSpan.FromSeconds(10)));

        var running = await DispatchedTaskAsync(s, "running");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/tasks/{running}/prepare-lease")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "extend task prepare lease: no rows in result set");

        var otherRuntime = await DaemonSeed.RuntimeAsync(s.Workspace.Id, s.Owner.Id, provider: "codex");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{otherRuntime}/tasks/{task}/prepare-lease")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/tasks/{Guid.NewGuid()}/prepare-lease")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{Guid.NewGuid()}/tasks/{task}/prepare-lease")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");

        var stranger = await SetUpAsync();
        await stranger.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/tasks/{task}/prepare-lease")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    // ---- skill bundles ----

    [Test]
    [Property("Id", "N33")]
    public async Task SkillBundles_Checks()
    {
        var s = await SetUpAsync();
        var task = await DispatchedTaskAsync(s);
        var url = $"/api/daemon/runtimes/{s.RuntimeId}/tasks/{task}/skill-bundles/resolve";
        var empty = await s.Daemon.PostAsync(url, new { skills = Array.Empty<object>() }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(empty.GetProperty("bundles").GetArrayLength(), Is.Zero);
        await s.Daemon.PostAsync(url, new { skills = new[] { new { id = "x", source = "", hash = "h" } } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid skill ref");
        await s.Daemon.PostAsync(url, new { skills = new[] { new { id = Guid.NewGuid().ToString(), source = "workspace", hash = "h" } } })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "skill bundle not found");

        var skill = await DaemonSeed.ScalarAsync<Guid>(
            "INSERT INTO skill (workspace_id, name, content) VALUES (@w, 'bundle', '# hi') RETURNING id", ("w", s.Workspace.Id));
        await DaemonSeed.ExecAsync("INSERT INTO skill_file (skill_id, path, content) VALUES (@s, 'b.md', 'b')", ("s", skill));
        await DaemonSeed.ExecAsync("INSERT INTO agent_skill (agent_id, skill_id) VALUES (@a, @s)", ("a", s.AgentId), ("s", skill));
        var found = await s.Daemon.PostAsync(url, new { skills = new[] { new { id = skill.ToString(), source = "workspace", hash = "old" } } })
            .ExpectAsync(HttpStatusCode.OK);
        var bundle = found.GetProperty("bundles")[0];
        Assert.That(bundle.Str("id"), Is.EqualTo(skill.ToString()));
        Assert.That(bundle.Str("content"), Is.EqualTo("# hi"));
        Assert.That(bundle.GetProperty("files")[0].Str("sha256"), Has.Length.EqualTo(64));

        var running = await DispatchedTaskAsync(s, "running");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/tasks/{running}/skill-bundles/resolve", new { skills = Array.Empty<object>() })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "task is not preparing");
    }

    // ---- wait local directory ----

    [Test]
    [Property("Id", "N34")]
    public async Task WaitLocalDirectory_MovesDispatchedToWaiting_SecondCallIs400()
    {
        var s = await SetUpAsync();
        var task = await DispatchedTaskAsync(s);
        var body = await s.Daemon.PostAsync($"/api/daemon/tasks/{task}/wait-local-directory", new { reason = "directory busy" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("waiting_local_directory"));
        Assert.That(await Column<string>(task, "wait_reason"), Is.EqualTo("directory busy"));
        Assert.That(await Column<DateTime>(task, "prepare_lease_expires_at"), Is.GreaterThan(DateTime.UtcNow.AddSeconds(30)));
        Assert.That(TestEnvironment.Factory.Events.OfType("task:waiting_local_directory").Any(e => e.WorkspaceId == s.Workspace.Id), Is.True);

        await s.Daemon.PostAsync($"/api/daemon/tasks/{task}/wait-local-directory", new { reason = "again" }).ExpectAsync(HttpStatusCode.BadRequest);

        // An empty body is allowed; a reason carrying an absolute path is not stored.
        var other = await DispatchedTaskAsync(s);
        await s.Daemon.PostRawAsync($"/api/daemon/tasks/{other}/wait-local-directory", "").ExpectAsync(HttpStatusCode.OK);
        var third = await DispatchedTaskAsync(s);
        await s.Daemon.PostAsync($"/api/daemon/tasks/{third}/wait-local-directory", new { reason = "local_directory /home/alice/src" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await DaemonSeed.ScalarAsync<bool>("SELECT wait_reason IS NULL FROM agent_task_queue WHERE id = @t", ("t", third)), Is.True);
        await s.Daemon.PostRawAsync($"/api/daemon/tasks/{third}/wait-local-directory", "{bad").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    // ---- cancel-ack ----

    [Test]
    [Property("Id", "N35")]
    public async Task CancelAck_RecordsOnceOnCancelled_NoOpOtherwise()
    {
        var s = await SetUpAsync();
        var task = await DispatchedTaskAsync(s, "cancelled");
        var ok = await s.Daemon.PostAsync($"/api/daemon/tasks/{task}/cancel-ack", new
        {
            branch_name = "agent/fix-1", durable_work_dir = "/srv/checkout/dir", error_message = "local dir missing", failure_reason = "local_directory_error",
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.Str("status"), Is.EqualTo("ok"));
        Assert.That(await Column<string>(task, "branch_name"), Is.EqualTo("agent/fix-1"));
        Assert.That(await Column<string>(task, "durable_work_dir"), Is.EqualTo("/srv/checkout/dir"));
        Assert.That(await Column<string>(task, "error"), Is.EqualTo("local dir missing"));
        Assert.That(await Column<string>(task, "failure_reason"), Is.EqualTo("local_directory_error"));
        Assert.That(TestEnvironment.Factory.Events.OfType("task:cancelled").Any(e => e.WorkspaceId == s.Workspace.Id), Is.True);

        // Never overwritten.
        await s.Daemon.PostAsync($"/api/daemon/tasks/{task}/cancel-ack", new { branch_name = "other", error_message = "other" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await Column<string>(task, "branch_name"), Is.EqualTo("agent/fix-1"));
        Assert.That(await Column<string>(task, "error"), Is.EqualTo("local dir missing"));

        var completed = await DispatchedTaskAsync(s, "completed");
        await s.Daemon.PostAsync($"/api/daemon/tasks/{completed}/cancel-ack", new { branch_name = "x" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await DaemonSeed.ScalarAsync<bool>("SELECT branch_name IS NULL FROM agent_task_queue WHERE id = @t", ("t", completed)), Is.True);
        await s.Daemon.PostAsync($"/api/daemon/tasks/{completed}/cancel-ack").ExpectAsync(HttpStatusCode.OK);
        await s.Daemon.PostRawAsync($"/api/daemon/tasks/{completed}/cancel-ack", "garbage").ExpectAsync(HttpStatusCode.OK);
        await s.Daemon.PostAsync($"/api/daemon/tasks/{Guid.NewGuid()}/cancel-ack").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
    }

    // ---- gc checks ----

    [Test]
    [Property("Id", "N37")]
    public async Task ChatSessionGcCheck()
    {
        var s = await SetUpAsync();
        var session = await DaemonSeed.ChatSessionAsync(s.Workspace.Id, s.AgentId, s.Owner.Id, "archived");
        var body = await s.Daemon.GetAsync($"/api/daemon/chat-sessions/{session}/gc-check").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("archived"));
        Assert.That(DateTime.Parse(body.Str("updated_at")).ToUniversalTime(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(5)));
        await s.Daemon.GetAsync($"/api/daemon/chat-sessions/{Guid.NewGuid()}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "chat session not found");
        var stranger = await SetUpAsync();
        await stranger.Daemon.GetAsync($"/api/daemon/chat-sessions/{session}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await s.Daemon.GetAsync("/api/daemon/chat-sessions/nope/gc-check").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid session_id");
    }

    [Test]
    [Property("Id", "N38")]
    public async Task AutopilotRunGcCheck()
    {
        var s = await SetUpAsync();
        var autopilot = await DaemonSeed.AutopilotAsync(s.Workspace.Id, s.AgentId, s.Owner.Id);
        var running = await DaemonSeed.AutopilotRunAsync(autopilot);
        var body = await s.Daemon.GetAsync($"/api/daemon/autopilot-runs/{running}/gc-check").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("running"));
        Assert.That(body.Str("completed_at"), Is.EqualTo("0001-01-01T00:00:00Z"));

        var done = await DaemonSeed.AutopilotRunAsync(autopilot, "completed", new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc));
        body = await s.Daemon.GetAsync($"/api/daemon/autopilot-runs/{done}/gc-check").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("completed_at"), Is.EqualTo("2026-05-01T10:00:00Z"));

        await s.Daemon.GetAsync($"/api/daemon/autopilot-runs/{Guid.NewGuid()}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "autopilot run not found");
        var stranger = await SetUpAsync();
        await stranger.Daemon.GetAsync($"/api/daemon/autopilot-runs/{done}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    [Property("Id", "N39")]
    public async Task TaskGcCheck()
    {
        var s = await SetUpAsync();
        var issue = await DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id);
        var task = await DaemonSeed.TaskAsync(s.AgentId, s.RuntimeId, issue, "completed", completedAt: new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc));
        var body = await s.Daemon.GetAsync($"/api/daemon/tasks/{task}/gc-check").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("completed"));
        Assert.That(body.Str("completed_at"), Is.EqualTo("2026-06-01T08:00:00Z"));
        var queued = await DaemonSeed.TaskAsync(s.AgentId, s.RuntimeId, await DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id));
        Assert.That((await s.Daemon.GetAsync($"/api/daemon/tasks/{queued}/gc-check").ExpectAsync(HttpStatusCode.OK)).Str("completed_at"),
            Is.EqualTo("0001-01-01T00:00:00Z"));
        await s.Daemon.GetAsync($"/api/daemon/tasks/{Guid.NewGuid()}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        var stranger = await SetUpAsync();
        await stranger.Daemon.GetAsync($"/api/daemon/tasks/{task}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    [Property("Id", "N40")]
    [Property("Id", "N42")]
    public async Task BatchIssueGcCheck_OneEntryPerIdInOrder()
    {
        var s = await SetUpAsync();
        var other = await SetUpAsync();
        var done = await DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id, "cancelled", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var open = await DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id, "in_progress");
        var foreign = await DaemonSeed.IssueAsync(other.Workspace.Id, other.Owner.Id, "done");
        var missing = Guid.NewGuid();
        var url = $"/api/daemon/workspaces/{s.Workspace.Id}/issues/gc-check";

        var body = await s.Daemon.PostAsync(url, new { issue_ids = new[] { open.ToString(), foreign.ToString(), done.ToString().ToUpperInvariant(), missing.ToString() } })
            .ExpectAsync(HttpStatusCode.OK);
        var issues = body.GetProperty("issues");
        Assert.That(issues.GetArrayLength(), Is.EqualTo(4));
        Assert.That(issues[0].Str("id"), Is.EqualTo(open.ToString()));
        Assert.That(issues[0].Str("status"), Is.EqualTo("in_progress"));
        Assert.That(issues[1].GetProperty("found").GetBoolean(), Is.False);
        Assert.That(issues[1].TryGetProperty("status", out _), Is.False);
        Assert.That(issues[1].TryGetProperty("updated_at", out _), Is.False);
        Assert.That(issues[2].Str("id"), Is.EqualTo(done.ToString().ToUpperInvariant()), "ids echo as sent");
        Assert.That(issues[2].Str("status"), Is.EqualTo("cancelled"));
        Assert.That(issues[2].Str("updated_at"), Is.EqualTo("2026-01-02T03:04:05Z"));
        Assert.That(issues[3].GetProperty("found").GetBoolean(), Is.False);

        await s.Daemon.PostAsync(url, new { issue_ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid().ToString()) })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "too many issue_ids");
        await s.Daemon.PostAsync(url, new { issue_ids = new[] { "nope" } }).ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid issue_id");
        await s.Daemon.PostRawAsync(url, "{").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        await s.Daemon.PostRawAsync(url, "{\"issue_ids\":[\"" + new string('a', 70_000) + "\"]}").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        await s.Daemon.PostAsync($"/api/daemon/workspaces/{other.Workspace.Id}/issues/gc-check", new { issue_ids = new[] { foreign.ToString() } })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await s.Daemon.PostAsync("/api/daemon/workspaces/xyz/issues/gc-check", new { issue_ids = Array.Empty<string>() })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid workspace_id");
    }
}
