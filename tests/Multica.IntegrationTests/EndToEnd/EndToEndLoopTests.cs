using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.EndToEnd;

/// <summary>
/// The whole loop over HTTP, exactly as a user and the stock daemon drive it (docs/daemon-protocol.md): sign in →
/// workspace → PAT → register a daemon → agent on its runtime → assigned issue → claim → start → messages →
/// usage → complete → the issue shows the agent's comment and the task run with its usage.
/// </summary>
public sealed class EndToEndLoopTests
{
    [Test]
    public async Task SignInToCompletedTask_OverHttp()
    {
        // A user with a workspace, and a PAT for the daemon (what `multica login --token` stores).
        var user = await TestData.SignInAsync();
        var workspace = await TestData.CreateWorkspaceAsync(user.Client);
        var pat = await TestData.CreatePatAsync(user.Client, "CLI (test-host)", 90);
        var daemon = TestData.ClientWith(pat);
        await daemon.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        var workspaces = await daemon.GetAsync("/api/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(workspaces.EnumerateArray().Select(w => w.Str("id")), Does.Contain(workspace.Id.ToString()));

        // The daemon registers one runtime per agent CLI it offers.
        var registered = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = workspace.Id,
            daemon_id = Guid.NewGuid().ToString(),
            device_name = "test-host",
            cli_version = "0.2.18",
            launched_by = "",
            runtimes = new[] { new { name = "", type = "claude", version = "2.1.0 (Claude Code)", status = "online" } },
        }).ExpectAsync(HttpStatusCode.OK);
        var runtime = registered.GetProperty("runtimes")[0];
        var runtimeId = runtime.Str("id");
        Assert.That(runtime.Str("status"), Is.EqualTo("online"));

        // The user creates an agent on that runtime and an issue assigned to it.
        var web = WorkspaceData.WorkspaceClient(user.Jwt, workspace.Id);
        var runtimes = await web.GetAsync("/api/runtimes").ExpectAsync(HttpStatusCode.OK);
        Assert.That(runtimes.EnumerateArray().Select(r => r.Str("id")), Does.Contain(runtimeId));
        var agent = await web.PostAsync("/api/agents", new { name = "Coder", runtime_id = runtimeId, instructions = "Be brief." })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(agent.Str("status"), Is.EqualTo("idle"));
        var issue = await web.PostAsync("/api/issues", new
        {
            title = "Say hello", priority = "high", assignee_type = "agent", assignee_id = agent.Str("id"),
        }).ExpectAsync(HttpStatusCode.Created);
        var issueId = issue.Str("id");

        // Heartbeat, then claim: the task comes with its agent block and workspace.
        await daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = runtimeId }).ExpectAsync(HttpStatusCode.OK);
        var claim = await daemon.PostAsync($"/api/daemon/runtimes/{runtimeId}/tasks/claim", new { }).ExpectAsync(HttpStatusCode.OK);
        var task = claim.GetProperty("task");
        var taskId = task.Str("id");
        Assert.That(task.Str("status"), Is.EqualTo("dispatched"));
        Assert.That(task.Str("issue_id"), Is.EqualTo(issueId));
        Assert.That(task.Str("workspace_id"), Is.EqualTo(workspace.Id.ToString()));
        Assert.That(task.GetProperty("priority").GetInt32(), Is.EqualTo(3));
        Assert.That(task.GetProperty("agent").Str("name"), Is.EqualTo("Coder"));
        Assert.That(task.GetProperty("agent").Str("instructions"), Is.EqualTo("Be brief."));
        var again = await daemon.PostAsync($"/api/daemon/runtimes/{runtimeId}/tasks/claim", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(again.GetProperty("task").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        // Start, progress, live messages, usage.
        var started = await daemon.PostAsync($"/api/daemon/tasks/{taskId}/start", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(started.Str("status"), Is.EqualTo("running"));
        var active = await web.GetAsync($"/api/issues/{issueId}/active-task").ExpectAsync(HttpStatusCode.OK);
        Assert.That(active.GetProperty("tasks")[0].Str("id"), Is.EqualTo(taskId));
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/progress", new { summary = "Launching claude", step = 1, total = 2 })
            .ExpectAsync(HttpStatusCode.OK);
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/messages", new
        {
            messages = new object[]
            {
                new { seq = 1, type = "text", content = "Thinking about hello" },
                new { seq = 2, type = "tool_use", tool = "bash", input = new { command = "echo hello" } },
                new { seq = 3, type = "tool_result", tool = "bash", output = "hello" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/usage", new
        {
            usage = new[] { new { provider = "claude", model = "claude-sonnet-4", input_tokens = 1200L, output_tokens = 300L, cache_read_tokens = 50L, cache_write_tokens = 10L } },
        }).ExpectAsync(HttpStatusCode.OK);
        var messages = await web.GetAsync($"/api/tasks/{taskId}/messages").ExpectAsync(HttpStatusCode.OK);
        Assert.That(messages.EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));

        // Complete with the agent's final output; the agent did not comment itself, so the server posts it.
        var completed = await daemon.PostAsync($"/api/daemon/tasks/{taskId}/complete", new
        {
            output = "Hello from the agent.", session_id = "sess-1", work_dir = "/tmp/work",
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(completed.Str("status"), Is.EqualTo("completed"));
        Assert.That(completed.GetProperty("result").Str("output"), Is.EqualTo("Hello from the agent."));

        // The issue shows the agent's comment, the finished run and its usage.
        var timeline = await web.GetAsync($"/api/issues/{issueId}/timeline").ExpectAsync(HttpStatusCode.OK);
        var comment = timeline.EnumerateArray().Single(e => e.Str("type") == "comment");
        Assert.That(comment.Str("actor_type"), Is.EqualTo("agent"));
        Assert.That(comment.Str("actor_id"), Is.EqualTo(agent.Str("id")));
        Assert.That(comment.Str("content"), Is.EqualTo("Hello from the agent."));
        var runs = await web.GetAsync($"/api/issues/{issueId}/task-runs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(runs.EnumerateArray().Single().Str("status"), Is.EqualTo("completed"));
        var usage = await web.GetAsync($"/api/issues/{issueId}/usage").ExpectAsync(HttpStatusCode.OK);
        Assert.That(usage.GetProperty("total_input_tokens").GetInt64(), Is.EqualTo(1200));
        Assert.That(usage.GetProperty("total_output_tokens").GetInt64(), Is.EqualTo(300));
        Assert.That(usage.GetProperty("task_count").GetInt32(), Is.EqualTo(1));
        var agentAfter = await web.GetAsync($"/api/agents/{agent.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(agentAfter.Str("status"), Is.EqualTo("idle"));
        var summary = await web.GetAsync("/api/usage/summary?days=1").ExpectAsync(HttpStatusCode.OK);
        Assert.That(summary[0].Str("model"), Is.EqualTo("claude-sonnet-4"));
    }
}
