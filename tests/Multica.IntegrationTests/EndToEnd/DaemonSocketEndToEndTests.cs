using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.EndToEnd;

/// <summary>The v0.4.x daemon's sequence, end to end over HTTP and the daemon WebSocket.</summary>
public sealed class DaemonSocketEndToEndTests
{
    [Test]
    public async Task Daemon_WakeUp_BatchClaim_Lease_Start_AgentComment_Complete_TokenRefusedAfterwards()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var pat = await TestData.CreatePatAsync(owner.Client, "CLI (host)", 90);
        var daemon = TestData.ClientWith(pat);
        var user = TestData.ClientWith(pat);
        user.Http.DefaultRequestHeaders.Add("X-Workspace-ID", ws.Id.ToString());

        // 1. Workspace sync.
        var workspaces = await daemon.GetAsync("/api/daemon/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(workspaces.ToString(), Does.Contain(ws.Id.ToString()));

        // 2. Register one runtime.
        const string daemonId = "9b1e1b7e-0000-4000-8000-000000000001";
        var registered = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = ws.Id, daemon_id = daemonId, device_name = "laptop", cli_version = "v0.4.32", launched_by = "",
            runtimes = new[] { new { name = "Claude (laptop)", type = "claude", version = "2.1.0", status = "online" } },
            failed_profiles = Array.Empty<object>(),
        }).ExpectAsync(HttpStatusCode.OK);
        var runtimeId = Guid.Parse(registered.GetProperty("runtimes")[0].Str("id"));

        var agent = await user.PostAsync("/api/agents", new { name = "Coder", runtime_id = runtimeId, visibility = "workspace" })
            .ExpectAsync(HttpStatusCode.Created);
        var agentId = agent.Str("id");

        // 3. The daemon WebSocket, then a task is enqueued by assigning an issue.
        await using var socket = await DaemonSocketTestClient.ConnectAsync(pat, runtimeId);
        await socket.HeartbeatAsync(runtimeId);
        var ack = await socket.WaitForAsync("daemon:heartbeat_ack");
        Assert.That(ack!.Value.GetProperty("server_capabilities")[0].GetString(), Is.EqualTo("rpc-v1"));

        var issue = await user.PostAsync("/api/issues", new { title = "Fix the build", status = "todo", assignee_type = "agent", assignee_id = agentId })
            .ExpectAsync(HttpStatusCode.Created);
        var issueId = issue.Str("id");

        // 4. Wake-up, then the machine-level batch claim.
        var wake = await socket.WaitForAsync("daemon:task_available");
        Assert.That(wake, Is.Not.Null, "no wake-up after enqueue");
        Assert.That(wake!.Value.Str("runtime_id"), Is.EqualTo(runtimeId.ToString()));
        var claim = await daemon.PostAsync("/api/daemon/tasks/claim", new { daemon_id = daemonId, runtime_ids = new[] { runtimeId }, max_tasks = 4 })
            .ExpectAsync(HttpStatusCode.OK);
        var tasks = claim.GetProperty("tasks");
        Assert.That(tasks.GetArrayLength(), Is.EqualTo(1));
        var task = tasks[0];
        var taskId = task.Str("id");
        var agentToken = task.Str("auth_token");
        Assert.That(agentToken, Does.Match("^mat_[0-9a-f]{40}$"));
        Assert.That(task.GetProperty("agent").Str("id"), Is.EqualTo(task.Str("agent_id")));
        Assert.That(task.Str("issue_id"), Is.EqualTo(issueId));
        Assert.That(task.Str("workspace_id"), Is.EqualTo(ws.Id.ToString()));

        // 5. Prepare lease, start, transcript.
        await daemon.PostAsync($"/api/daemon/runtimes/{runtimeId}/tasks/{taskId}/prepare-lease").ExpectAsync(HttpStatusCode.OK);
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/start").ExpectAsync(HttpStatusCode.OK);
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/messages", new
        {
            messages = new object[]
            {
                new { seq = 1, type = "text", content = "Looking at the build" },
                new { seq = 2, type = "tool_use", tool = "bash", input = new { command = "make" } },
            },
        }).ExpectAsync(HttpStatusCode.OK);

        // 6. The agent comments through a user route with its task token: attributed to the agent.
        var agentCli = TestData.ClientWith(agentToken);
        var comment = await agentCli.PostAsync($"/api/issues/{issueId}/comments", new { content = "Fixed in the latest commit." })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(comment.Str("author_type"), Is.EqualTo("agent"));
        Assert.That(comment.Str("author_id"), Is.EqualTo(agentId));
        // Owner-only routes refuse the task token.
        await agentCli.PostAsync("/api/tokens", new { name = "escalate" }).ExpectAsync(HttpStatusCode.Forbidden);

        // 7. Complete; the token dies with the task.
        await daemon.PostAsync($"/api/daemon/tasks/{taskId}/complete", new { output = "Done.", session_id = "sess-1", work_dir = "/srv/checkout/1" })
            .ExpectAsync(HttpStatusCode.OK);
        var status = await daemon.GetAsync($"/api/daemon/tasks/{taskId}/status").ExpectAsync(HttpStatusCode.OK);
        Assert.That(status.Str("status"), Is.EqualTo("completed"));
        await agentCli.GetAsync($"/api/issues/{issueId}").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");

        var messages = await user.GetAsync($"/api/tasks/{taskId}/messages").ExpectAsync(HttpStatusCode.OK);
        Assert.That(messages.GetArrayLength(), Is.EqualTo(2));
    }
}
