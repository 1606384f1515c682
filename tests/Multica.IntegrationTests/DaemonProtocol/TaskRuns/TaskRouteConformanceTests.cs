using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.TaskRuns;

/// <summary>Conformance ids C34–C51 (tests/README.md): the task routes a daemon drives while it runs a task.</summary>
public sealed class TaskRouteConformanceTests
{
    private sealed record IssueTask(DaemonWorld World, Guid Agent, Guid Issue, Guid Task);

    private static async Task<IssueTask> IssueTaskAsync(string status = "queued", Guid? triggerComment = null, bool withTrigger = false)
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id, status: "in_progress");
        if (withTrigger)
            triggerComment = await CommentAsync(issue, w.Workspace.Id, "member", w.Owner.Id, "please do it");
        var task = await TaskAsync(agent, w.RuntimeId, issueId: issue, status: status, triggerCommentId: triggerComment);
        return new IssueTask(w, agent, issue, task);
    }

    private static async Task<ApiClient> ForeignDaemonAsync(DaemonWorld w)
    {
        var other = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        return TestData.ClientWith(await TestData.IssueDaemonTokenAsync(w.Owner.Client, other.Id));
    }

    [Test]
    [Property("Id", "C34")]
    public async Task Status_ForeignDaemonToken_404_RightWorkspace_200()
    {
        var t = await IssueTaskAsync();
        await (await ForeignDaemonAsync(t.World)).GetAsync($"/api/daemon/tasks/{t.Task}/status").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        var own = TestData.ClientWith(await TestData.IssueDaemonTokenAsync(t.World.Owner.Client, t.World.Workspace.Id));
        var body = await own.GetAsync($"/api/daemon/tasks/{t.Task}/status").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("queued"));
    }

    [Test]
    [Property("Id", "C35")]
    public async Task Start_RunOnlyAutopilotTask_ForeignToken404_RightWorkspace200Running()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var (_, run) = await AutopilotRunAsync(w.Workspace.Id, agent, w.Owner.Id);
        var task = await TaskAsync(agent, w.RuntimeId, runId: run, status: "dispatched");
        await (await ForeignDaemonAsync(w)).PostAsync($"/api/daemon/tasks/{task}/start").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        var own = TestData.ClientWith(await TestData.IssueDaemonTokenAsync(w.Owner.Client, w.Workspace.Id));
        var body = await own.PostAsync($"/api/daemon/tasks/{task}/start").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("running"));
        Assert.That(body.GetProperty("started_at").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    [Test]
    [Property("Id", "C36")]
    public async Task Start_NotDispatched_Returns400()
    {
        var t = await IssueTaskAsync(status: "queued");
        await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/start")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "start task: no rows in result set");
    }

    [Test]
    [Property("Id", "C37")]
    public async Task UnknownMalformedOrDanglingTask_Returns404TaskNotFound()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var dangling = await TaskAsync(agent, w.RuntimeId);
        foreach (var id in new[] { Guid.NewGuid().ToString(), "garbage", dangling.ToString() })
        {
            await w.Daemon.GetAsync($"/api/daemon/tasks/{id}/status").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
            await w.Daemon.PostAsync($"/api/daemon/tasks/{id}/start").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
            await w.Daemon.PostAsync($"/api/daemon/tasks/{id}/complete", new { output = "x" }).ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
            await w.Daemon.PostAsync($"/api/daemon/tasks/{id}/fail", new { error = "x" }).ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
            await w.Daemon.PostAsync($"/api/daemon/tasks/{id}/session", new { session_id = "s" }).ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
            await w.Daemon.GetAsync($"/api/daemon/tasks/{id}/messages").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        }
    }

    [Test]
    [Property("Id", "C38")]
    public async Task Progress_DecodesBeforeAccess_OthersCheckAccessFirst()
    {
        var t = await IssueTaskAsync(status: "running");
        var foreign = await ForeignDaemonAsync(t.World);
        var path = $"/api/daemon/tasks/{t.Task}";
        await foreign.PostRawAsync(path + "/progress", "{bad").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        foreach (var route in new[] { "complete", "fail", "usage", "session" })
            await foreign.PostRawAsync($"{path}/{route}", "{bad").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        foreach (var route in new[] { "complete", "fail", "usage", "session" })
            await t.World.Daemon.PostRawAsync($"{path}/{route}", "{bad").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        var ok = await t.World.Daemon.PostAsync(path + "/progress", new { summary = "Launching claude", step = 1, total = 2 }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.Str("status"), Is.EqualTo("ok"));
        Assert.That(Events("task:progress", p => p.HasTask(t.Task)).Single().WorkspaceId, Is.EqualTo(t.World.Workspace.Id));
    }

    [Test]
    [Property("Id", "C39")]
    public async Task Complete_WithoutAgentComment_PostsOneFallbackUnderTrigger()
    {
        var t = await IssueTaskAsync(status: "running", withTrigger: true);
        await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/complete", new { output = "All done." }).ExpectAsync(HttpStatusCode.OK);
        var trigger = await ScalarAsync<Guid>("SELECT trigger_comment_id FROM agent_task_queue WHERE id = @id", ("id", t.Task));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM comment WHERE issue_id = @i AND author_type = 'agent'", ("i", t.Issue)), Is.EqualTo(1));
        Assert.That(await ScalarAsync<string>("SELECT content FROM comment WHERE issue_id = @i AND author_type = 'agent'", ("i", t.Issue)), Is.EqualTo("All done."));
        Assert.That(await ScalarAsync<Guid>("SELECT parent_id FROM comment WHERE issue_id = @i AND author_type = 'agent'", ("i", t.Issue)), Is.EqualTo(trigger));
        Assert.That(Events("comment:created").Any(e => e.WorkspaceId == t.World.Workspace.Id && e.ActorId == t.Agent), Is.True);
    }

    [Test]
    [Property("Id", "C40")]
    public async Task Complete_WhenAgentAlreadyCommented_PostsNothing()
    {
        var t = await IssueTaskAsync(status: "running");
        await CommentAsync(t.Issue, t.World.Workspace.Id, "agent", t.Agent, "I fixed it", createdAt: DateTime.UtcNow.AddSeconds(5));
        await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/complete", new { output = "All done." }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM comment WHERE issue_id = @i AND author_type = 'agent'", ("i", t.Issue)), Is.EqualTo(1));
    }

    [Test]
    [Property("Id", "C41")]
    public async Task CompleteOrFail_OnFinalizedTask_IsIdempotent()
    {
        var t = await IssueTaskAsync(status: "running");
        var first = await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/complete", new { output = "one" }).ExpectAsync(HttpStatusCode.OK);
        var again = await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/complete", new { output = "two" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(again.Str("status"), Is.EqualTo("completed"));
        Assert.That(again.GetProperty("result").Str("output"), Is.EqualTo("one"));
        Assert.That(again.Str("completed_at"), Is.EqualTo(first.Str("completed_at")));
        var failed = await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/fail", new { error = "late" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(failed.Str("status"), Is.EqualTo("completed"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM comment WHERE issue_id = @i AND author_type = 'agent'", ("i", t.Issue)), Is.EqualTo(1));
    }

    [Test]
    [Property("Id", "C42")]
    public async Task Complete_ResultHasExactlyFourKeys()
    {
        var t = await IssueTaskAsync(status: "running");
        var body = await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/complete",
            new { output = "out", session_id = "s1", work_dir = "/w", branch_name = "feature/x" }).ExpectAsync(HttpStatusCode.OK);
        var result = body.GetProperty("result");
        Assert.That(result.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "pr_url", "output", "session_id", "work_dir" }));
        Assert.That(result.Str("pr_url"), Is.EqualTo(""));
        Assert.That(result.Str("session_id"), Is.EqualTo("s1"));
    }

    [Test]
    [Property("Id", "C43")]
    public async Task Fail_DefaultsReason_PostsSystemComment()
    {
        var t = await IssueTaskAsync(status: "running");
        var body = await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/fail", new { error = "agent crashed" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("failed"));
        Assert.That(body.Str("failure_reason"), Is.EqualTo("agent_error"));
        Assert.That(body.Str("error"), Is.EqualTo("agent crashed"));
        Assert.That(await ScalarAsync<string>("SELECT type FROM comment WHERE issue_id = @i AND author_type = 'agent'", ("i", t.Issue)), Is.EqualTo("system"));
        Assert.That(Events("task:failed", p => p.HasTask(t.Task)), Has.Count.EqualTo(1));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent WHERE id = @a", ("a", t.Agent)), Is.EqualTo("idle"));
    }

    [Test]
    [Property("Id", "C44")]
    public async Task Fail_InfrastructureReason_CreatesRetryChild()
    {
        var t = await IssueTaskAsync(status: "running");
        await ExecAsync("UPDATE agent_task_queue SET session_id = 'sess', work_dir = '/w' WHERE id = @id", ("id", t.Task));
        await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/fail", new { error = "gone", failure_reason = "timeout" }).ExpectAsync(HttpStatusCode.OK);
        var child = await ScalarAsync<Guid>("SELECT id FROM agent_task_queue WHERE parent_task_id = @p", ("p", t.Task));
        Assert.That(child, Is.Not.EqualTo(Guid.Empty));
        Assert.That(await TaskStatusAsync(child), Is.EqualTo("queued"));
        Assert.That(await ScalarAsync<int>("SELECT attempt FROM agent_task_queue WHERE id = @c", ("c", child)), Is.EqualTo(2));
        Assert.That(await ScalarAsync<string>("SELECT session_id || '|' || work_dir FROM agent_task_queue WHERE id = @c", ("c", child)), Is.EqualTo("sess|/w"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM comment WHERE issue_id = @i", ("i", t.Issue)), Is.EqualTo(0), "no system comment when retried");
        Assert.That(Events("task:dispatch", p => p.HasTask(child)), Has.Count.EqualTo(1));
    }

    [Test]
    [Property("Id", "C45")]
    public async Task Usage_UpsertReplacesCounters()
    {
        var t = await IssueTaskAsync(status: "running");
        object Entry(long input) => new { provider = "claude", model = "sonnet", input_tokens = input, output_tokens = 2, cache_read_tokens = 3, cache_write_tokens = 4 };
        var ok = await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/usage", new { usage = new[] { Entry(10) } }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.Str("status"), Is.EqualTo("ok"));
        await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/usage", new { usage = new[] { Entry(25) } }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT input_tokens FROM task_usage WHERE task_id = @t", ("t", t.Task)), Is.EqualTo(25));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM task_usage WHERE task_id = @t", ("t", t.Task)), Is.EqualTo(1));
        await t.World.Daemon.PostAsync($"/api/daemon/tasks/{t.Task}/usage", new { }).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    [Property("Id", "C46")]
    public async Task Messages_EmptyBatchOk_StoredInOrderRedacted_Broadcast()
    {
        var t = await IssueTaskAsync(status: "running");
        var path = $"/api/daemon/tasks/{t.Task}/messages";
        await t.World.Daemon.PostAsync(path, new { messages = Array.Empty<object>() }).ExpectAsync(HttpStatusCode.OK);
        await t.World.Daemon.PostAsync(path, new
        {
            messages = new object[]
            {
                new { seq = 1, type = "text", content = "key AKIAIOSFODNN7EXAMPLE here" },
                new { seq = 2, type = "tool_use", tool = "bash", input = new { command = "export API_KEY=supersecret", n = 3 } },
                new { seq = 3, type = "tool_result", output = "ok" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        var list = await t.World.Daemon.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(list[0].Str("content"), Is.EqualTo("key [REDACTED AWS KEY] here"));
        Assert.That(list[1].GetProperty("input").Str("command"), Is.EqualTo("export [REDACTED CREDENTIAL]"));
        Assert.That(list[1].GetProperty("input").GetProperty("n").GetInt32(), Is.EqualTo(3));
        Assert.That(list[0].Str("issue_id"), Is.EqualTo(t.Issue.ToString()));
        Assert.That(list[2].TryGetProperty("content", out _), Is.False);
        var events = TestEnvironment.Factory.Events.OfType("task:message").Where(e => e.WorkspaceId == t.World.Workspace.Id).ToList();
        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(JsonSerializer.Serialize(events[0].Payload), Does.Not.Contain("AKIAIOSFODNN7EXAMPLE"));
    }

    [Test]
    [Property("Id", "C47")]
    public async Task ListMessages_InvalidSince400_SinceFilters()
    {
        var t = await IssueTaskAsync(status: "running");
        var path = $"/api/daemon/tasks/{t.Task}/messages";
        await t.World.Daemon.PostAsync(path, new { messages = Enumerable.Range(1, 5).Select(i => new { seq = i, type = "text", content = "m" + i }) })
            .ExpectAsync(HttpStatusCode.OK);
        await t.World.Daemon.GetAsync(path + "?since=abc").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid since parameter");
        var after3 = await t.World.Daemon.GetAsync(path + "?since=3").ExpectAsync(HttpStatusCode.OK);
        Assert.That(after3.EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()), Is.EqualTo(new[] { 4, 5 }));
        var all = await t.World.Daemon.GetAsync(path + "?since=-1").ExpectAsync(HttpStatusCode.OK);
        Assert.That(all.GetArrayLength(), Is.EqualTo(5));
    }

    [Test]
    [Property("Id", "C48")]
    public async Task Session_RequiresAValue_204_NoOpWhenFinished()
    {
        var t = await IssueTaskAsync(status: "running");
        var path = $"/api/daemon/tasks/{t.Task}/session";
        await t.World.Daemon.PostAsync(path, new { }).ExpectErrorAsync(HttpStatusCode.BadRequest, "session_id or work_dir required");
        using (var response = await t.World.Daemon.PostAsync(path, new { session_id = "abc" }))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        }
        Assert.That(await ScalarAsync<string>("SELECT session_id FROM agent_task_queue WHERE id = @t", ("t", t.Task)), Is.EqualTo("abc"));
        await ExecAsync("UPDATE agent_task_queue SET status = 'completed' WHERE id = @t", ("t", t.Task));
        await t.World.Daemon.PostAsync(path, new { session_id = "later" }).ExpectAsync(HttpStatusCode.NoContent);
        Assert.That(await ScalarAsync<string>("SELECT session_id FROM agent_task_queue WHERE id = @t", ("t", t.Task)), Is.EqualTo("abc"));
    }

    [Test]
    [Property("Id", "C49")]
    public async Task RecoverOrphans_FailsInFlight_RetriesAndResetsIssue()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var lonely = await IssueAsync(w.Workspace.Id, w.Owner.Id, status: "in_progress");
        var retried = await IssueAsync(w.Workspace.Id, w.Owner.Id, status: "in_progress");
        var exhausted = await TaskAsync(agent, w.RuntimeId, issueId: lonely, status: "running", attempt: 2);
        var retryable = await TaskAsync(agent, w.RuntimeId, issueId: retried, status: "dispatched");
        var queued = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
        var body = await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/recover-orphans").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("orphaned").GetInt32(), Is.EqualTo(2));
        Assert.That(body.GetProperty("retried").GetInt32(), Is.EqualTo(1));
        Assert.That(await ScalarAsync<string>("SELECT failure_reason FROM agent_task_queue WHERE id = @t", ("t", exhausted)), Is.EqualTo("runtime_recovery"));
        Assert.That(await TaskStatusAsync(retryable), Is.EqualTo("failed"));
        Assert.That(await TaskStatusAsync(queued), Is.EqualTo("queued"));
        Assert.That(await ScalarAsync<string>("SELECT status FROM issue WHERE id = @i", ("i", lonely)), Is.EqualTo("todo"));
        Assert.That(await ScalarAsync<string>("SELECT status FROM issue WHERE id = @i", ("i", retried)), Is.EqualTo("in_progress"));
        Assert.That(Events("task:failed", p => p.HasTask(exhausted) && (string?)p["failure_reason"] == "runtime_recovery"), Has.Count.EqualTo(1));
    }

    [Test]
    [Property("Id", "C50")]
    public async Task GcCheck_ForeignToken404_RightWorkspace200()
    {
        var w = await WorldAsync();
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id, status: "done");
        await (await ForeignDaemonAsync(w)).GetAsync($"/api/daemon/issues/{issue}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        var body = await w.Daemon.GetAsync($"/api/daemon/issues/{issue}/gc-check").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("done"));
        Assert.That(DateTimeOffset.TryParse(body.Str("updated_at"), out _), Is.True);
    }

    [Test]
    [Property("Id", "C51")]
    public async Task GcCheck_UnknownIssue_Returns404IssueNotFound()
    {
        var w = await WorldAsync();
        await w.Daemon.GetAsync($"/api/daemon/issues/{Guid.NewGuid()}/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await w.Daemon.GetAsync("/api/daemon/issues/nope/gc-check").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
    }
}
