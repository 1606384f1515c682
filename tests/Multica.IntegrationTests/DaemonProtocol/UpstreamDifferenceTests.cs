using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol;

/// <summary>
/// The deliberate differences from upstream (docs/daemon-protocol.md, rows 1–7 of "Where we differ"). Each test fails against upstream's behaviour.
/// </summary>
public sealed class UpstreamDifferenceTests
{
    [Test]
    [Property("Id", "I1")]
    public async Task Claim_ServesOnlyTheCallingRuntime()
    {
        var w = await WorldAsync();
        var otherRuntime = await RegisterAsync(w.Daemon, w.Workspace.Id, "second-machine");
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        // The agent moved runtimes: its oldest, most urgent task still sits on the other runtime.
        var foreign = await TaskAsync(agent, otherRuntime, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), priority: 4,
            createdAt: DateTime.UtcNow.AddHours(-1));
        var mine = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), priority: 1);
        var task = (await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK)).GetProperty("task");
        Assert.That(task.Str("id"), Is.EqualTo(mine.ToString()));
        Assert.That(task.Str("runtime_id"), Is.EqualTo(w.Runtime));
        Assert.That(await TaskStatusAsync(foreign), Is.EqualTo("queued"), "upstream would strand it in dispatched");
    }

    [Test]
    [Property("Id", "I2")]
    public async Task ConcurrentClaims_NeverExceedMaxConcurrentTasks()
    {
        var w = await WorldAsync();
        var second = await RegisterAsync(w.Daemon, w.Workspace.Id, "second-machine");
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 1);
        for (var i = 0; i < 20; i++)
        {
            await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
            await TaskAsync(agent, second, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
        }
        var claims = Enumerable.Range(0, 24).Select(i => w.Daemon.PostAsync(
            $"/api/daemon/runtimes/{(i % 2 == 0 ? w.RuntimeId : second)}/tasks/claim").ExpectAsync(HttpStatusCode.OK));
        var results = await Task.WhenAll(claims);
        Assert.That(results.Count(r => r.GetProperty("task").ValueKind == JsonValueKind.Object), Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_task_queue WHERE agent_id = @a AND status = 'dispatched'", ("a", agent)), Is.EqualTo(1));
    }

    [Test]
    [Property("Id", "I3")]
    public async Task LostClaimResponse_TaskIsOfferedAgainAfterGrace_StartStaysSafe()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
        var claimPath = $"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim";
        var first = (await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task");
        Assert.That(first.Str("id"), Is.EqualTo(task.ToString()));
        // Within the grace (and its prepare lease) nobody gets it again.
        Assert.That((await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));
        // The response was lost: a minute later the same runtime is offered the task again.
        await ExecAsync("UPDATE agent_task_queue SET dispatched_at = now() - interval '61 seconds', prepare_lease_expires_at = now() - interval '1 second' WHERE id = @t",
            ("t", task));
        var again = (await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task");
        Assert.That(again.Str("id"), Is.EqualTo(task.ToString()));
        Assert.That(again.Str("auth_token"), Does.StartWith("mat_"));
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/start").ExpectAsync(HttpStatusCode.OK);
        var repeated = await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/start").ExpectAsync(HttpStatusCode.OK);
        Assert.That(repeated.Str("status"), Is.EqualTo("running"));
        // A started task is never re-offered, whatever its age.
        await ExecAsync("UPDATE agent_task_queue SET dispatched_at = now() - interval '1 hour' WHERE id = @t", ("t", task));
        Assert.That((await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    [Property("Id", "I3b")]
    public async Task LivePrepareLease_PreventsReoffer()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
        var claimPath = $"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim";
        await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK);
        await ExecAsync("UPDATE agent_task_queue SET dispatched_at = now() - interval '10 minutes', prepare_lease_expires_at = now() + interval '30 seconds' WHERE id = @t",
            ("t", task));
        Assert.That((await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    [Property("Id", "I3c")]
    public async Task Reoffer_KeepsTheFirstDispatchTime_SoTheDispatchTimeoutStillApplies()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id));
        var claimPath = $"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim";
        await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK);
        await ExecAsync("UPDATE agent_task_queue SET dispatched_at = now() - interval '250 seconds', prepare_lease_expires_at = now() - interval '1 second' WHERE id = @t",
            ("t", task));
        var first = await ScalarAsync<DateTime>("SELECT dispatched_at FROM agent_task_queue WHERE id = @t", ("t", task));

        var again = (await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task");
        Assert.That(again.Str("id"), Is.EqualTo(task.ToString()), "re-offered");
        Assert.That(await ScalarAsync<DateTime>("SELECT dispatched_at FROM agent_task_queue WHERE id = @t", ("t", task)), Is.EqualTo(first),
            "a re-offer must not restart the dispatch timeout");
        Assert.That(await ScalarAsync<bool>("SELECT prepare_lease_expires_at >= now() + interval '55 seconds' FROM agent_task_queue WHERE id = @t", ("t", task)),
            Is.True, "the re-offer lease lasts one grace");
        Assert.That((await w.Daemon.PostAsync(claimPath).ExpectAsync(HttpStatusCode.OK)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null),
            "no second re-offer within the grace");
    }

    [Test]
    [Property("Id", "I4")]
    public async Task CompleteOrFail_WithEmptySession_KeepsResumePointer()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issueTask = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{issueTask}/session", new { session_id = "pinned", work_dir = "/w/pinned" }).ExpectAsync(HttpStatusCode.NoContent);
        await w.Daemon.PostAsync($"/api/daemon/tasks/{issueTask}/complete", new { output = "done", session_id = "", work_dir = "" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<string>("SELECT session_id || '|' || work_dir FROM agent_task_queue WHERE id = @t", ("t", issueTask)),
            Is.EqualTo("pinned|/w/pinned"), "upstream clears them to NULL");

        var chat = await ChatSessionAsync(w.Workspace.Id, agent, w.Owner.Id, sessionId: "chat-s", workDir: "/w/chat");
        var chatTask = await TaskAsync(agent, w.RuntimeId, chatSessionId: chat, status: "running");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{chatTask}/complete", new { output = "hi" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<string>("SELECT session_id || '|' || work_dir FROM chat_session WHERE id = @c", ("c", chat)), Is.EqualTo("chat-s|/w/chat"));
        Assert.That(await ScalarAsync<string>("SELECT content FROM chat_message WHERE chat_session_id = @c AND role = 'assistant'", ("c", chat)), Is.EqualTo("hi"));
        Assert.That(await ScalarAsync<bool>("SELECT unread_since IS NOT NULL FROM chat_session WHERE id = @c", ("c", chat)), Is.True);
        Assert.That(Events("chat:done", p => p.HasTask(chatTask)), Has.Count.EqualTo(1));

        var chatTask2 = await TaskAsync(agent, w.RuntimeId, chatSessionId: chat, status: "running");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{chatTask2}/complete", new { output = "again", session_id = "chat-s2" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<string>("SELECT session_id || '|' || work_dir FROM chat_session WHERE id = @c", ("c", chat)), Is.EqualTo("chat-s2|/w/chat"));
    }

    [Test]
    [Property("Id", "I5")]
    public async Task BulkCancel_SetsCompletedAt_Publishes_Reconciles()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var running = await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "running");
        var queued = await TaskAsync(agent, w.RuntimeId, issueId: issue);
        await ExecAsync("UPDATE agent SET status = 'working' WHERE id = @a", ("a", agent));
        int count;
        await using (var scope = TestEnvironment.Factory.Services.CreateAsyncScope())
            count = await scope.ServiceProvider.GetRequiredService<Multica.Application.Tasks.ITaskCancellationService>()
                .CancelActiveTasksForIssueAsync(issue, null, CancellationToken.None);
        Assert.That(count, Is.EqualTo(2));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_task_queue WHERE issue_id = @i AND status = 'cancelled' AND completed_at IS NOT NULL",
            ("i", issue)), Is.EqualTo(2), "upstream leaves completed_at NULL");
        Assert.That(Events("task:cancelled", p => p.HasTask(running) || p.HasTask(queued)), Has.Count.EqualTo(2), "upstream publishes nothing");
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent WHERE id = @a", ("a", agent)), Is.EqualTo("idle"));
    }

    [Test]
    [Property("Id", "I6")]
    public async Task GarbageIdsAndBodies_Are4xx()
    {
        var w = await WorldAsync();
        var member = TestEnvironment.Factory.CreateClient();
        member.DefaultRequestHeaders.Authorization = new("Bearer", w.Owner.Jwt);
        member.DefaultRequestHeaders.Add("X-Workspace-ID", w.Workspace.Id.ToString());
        var user = new ApiClient(member, null);
        var garbage = "%27%3B--";
        var calls = new List<(Task<HttpResponseMessage> Call, HttpStatusCode Status)>
        {
            (w.Daemon.PostAsync($"/api/daemon/runtimes/{garbage}/tasks/claim"), HttpStatusCode.NotFound),
            (w.Daemon.GetAsync($"/api/daemon/runtimes/{garbage}/tasks/pending"), HttpStatusCode.NotFound),
            (w.Daemon.PostAsync($"/api/daemon/runtimes/{garbage}/recover-orphans"), HttpStatusCode.NotFound),
            (w.Daemon.GetAsync($"/api/daemon/tasks/{garbage}/status"), HttpStatusCode.NotFound),
            (w.Daemon.PostRawAsync($"/api/daemon/tasks/{garbage}/messages", "{\"messages\":[{\"seq\":\"1\"}]}"), HttpStatusCode.BadRequest),
            (w.Daemon.PostRawAsync($"/api/daemon/tasks/{garbage}/messages", "{\"messages\":[{\"seq\":1,\"input\":[1]}]}"), HttpStatusCode.BadRequest),
            (w.Daemon.PostRawAsync($"/api/daemon/tasks/{garbage}/progress", "{\"step\":1.5}"), HttpStatusCode.BadRequest),
            (w.Daemon.PostRawAsync("/api/daemon/heartbeat", "[]"), HttpStatusCode.BadRequest),
            (w.Daemon.PostRawAsync("/api/daemon/deregister", "{\"runtime_ids\":\"x\"}"), HttpStatusCode.BadRequest),
            (w.Daemon.PostAsync("/api/daemon/deregister", new { runtime_ids = new[] { garbage } }), HttpStatusCode.OK),
            (w.Daemon.GetAsync($"/api/daemon/issues/{garbage}/gc-check"), HttpStatusCode.NotFound),
            (user.GetAsync($"/api/issues/{garbage}/task-runs"), HttpStatusCode.NotFound),
            (user.PostAsync($"/api/issues/{garbage}/tasks/{garbage}/cancel"), HttpStatusCode.NotFound),
            (user.GetAsync($"/api/tasks/{garbage}/messages"), HttpStatusCode.NotFound),
        };
        foreach (var (call, status) in calls)
            await call.ExpectAsync(status);
    }

    [Test]
    [Property("Id", "I7")]
    public async Task MessageBatches_AreIdempotentOnSeq()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
        var batch = new { messages = new object[] { new { seq = 1, type = "text", content = "a" }, new { seq = 2, type = "text", content = "b" } } };
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages", batch).ExpectAsync(HttpStatusCode.OK);
        // The daemon re-sends after a timeout, plus one new message and a duplicate inside the batch.
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages", new
        {
            messages = new object[] { new { seq = 2, type = "text", content = "b" }, new { seq = 3, type = "text", content = "c" }, new { seq = 3, type = "text", content = "c" } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM task_message WHERE task_id = @t", ("t", task)), Is.EqualTo(3), "upstream stores 5 rows");
        Assert.That(Events("task:message").Count(e => JsonSerializer.Serialize(e.Payload).Contains(task.ToString())), Is.EqualTo(3));
    }

    [Test]
    public async Task MessageBatchOfFifty_StoresEveryNewSeqOnce_ListsInSeqOrder_FirstWriteWins()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
        var path = $"/api/daemon/tasks/{task}/messages";
        await w.Daemon.PostAsync(path, new { messages = new object[] { new { seq = 10, type = "text", content = "first" } } })
            .ExpectAsync(HttpStatusCode.OK);
        var before = Events("task:message").Count(e => JsonSerializer.Serialize(e.Payload).Contains(task.ToString()));

        // 50 messages, seqs 1..50 sent in reverse order; seq 10 is already stored with other content.
        var batch = Enumerable.Range(1, 50).Reverse().Select(seq => new { seq, type = "text", content = "m" + seq }).ToArray();
        await w.Daemon.PostAsync(path, new { messages = batch }).ExpectAsync(HttpStatusCode.OK);

        var list = await w.Daemon.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()), Is.EqualTo(Enumerable.Range(1, 50)));
        Assert.That(list.EnumerateArray().Single(m => m.GetProperty("seq").GetInt32() == 10).Str("content"), Is.EqualTo("first"));
        Assert.That(list.EnumerateArray().Single(m => m.GetProperty("seq").GetInt32() == 11).Str("content"), Is.EqualTo("m11"));
        var events = Events("task:message").Where(e => JsonSerializer.Serialize(e.Payload).Contains(task.ToString())).ToList();
        Assert.That(events, Has.Count.EqualTo(before + 49), "one event per stored row, none for the seq already stored");
        var payloads = events.Skip(before).Select(e => JsonSerializer.Serialize(e.Payload)).ToList();
        Assert.That(payloads, Has.None.Contains("\"m10\""), "the re-sent seq 10 is neither stored nor broadcast");
        Assert.That(payloads.Count(p => p.Contains("\"m11\"")), Is.EqualTo(1));
    }
}
