using Multica.IntegrationTests.Api;
using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;

namespace Multica.IntegrationTests.Issues;

public sealed class IssueChatAutopilotTests
{
    [Test]
    public async Task CreateIssue_NumbersIdentifiers_PriorityMapping_AndLookupByIdentifier()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var first = await CreateIssueAsync(owner.Client, "todo", agent, "urgent");
        var second = await CreateIssueAsync(owner.Client);
        Assert.That(first.GetProperty("number").GetInt32(), Is.EqualTo(1));
        Assert.That(second.GetProperty("number").GetInt32(), Is.EqualTo(2));
        // The identifier carries the workspace's own prefix (read with the issue's number, not afterwards).
        var prefix = await DaemonSeed.ScalarAsync<string>("SELECT issue_prefix FROM workspace WHERE id = @w", ("w", owner.WorkspaceId));
        Assert.That(prefix, Is.Not.Empty);
        Assert.That(first.Str("identifier"), Is.EqualTo($"{prefix}-1"));
        Assert.That(second.Str("identifier"), Is.EqualTo($"{prefix}-2"));
        Assert.That(first.Str("creator_type"), Is.EqualTo("member"));
        Assert.That((await IssueTasksAsync(first.Id())).Single().Priority, Is.EqualTo(4));

        var byIdentifier = await owner.Client.GetAsync($"/api/issues/{prefix}-2").ExpectAsync(HttpStatusCode.OK);
        Assert.That(byIdentifier.Id(), Is.EqualTo(second.Id()));
        await owner.Client.GetAsync($"/api/issues/{prefix}-99").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await owner.Client.GetAsync("/api/issues/garbage").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        Assert.That(TestEnvironment.Factory.Events.OfType("issue:created").Count(e => e.WorkspaceId == owner.WorkspaceId), Is.EqualTo(2));
    }

    [TestCase("{\"title\":\"t\",\"status\":\"nope\"}", "invalid status; expected one of: backlog, todo, in_progress, in_review, done, blocked, cancelled")]
    [TestCase("{\"title\":\"t\",\"priority\":\"asap\"}", "invalid priority; expected one of: urgent, high, medium, low, none")]
    [TestCase("{\"title\":\"t\",\"assignee_type\":\"robot\"}", "invalid assignee_type; expected member or agent")]
    [TestCase("{\"title\":\"t\",\"assignee_type\":\"agent\",\"assignee_id\":\"xyz\"}", "invalid assignee_id")]
    [TestCase("{\"title\":\"t\",\"due_date\":\"tomorrow\"}", "invalid due_date format, expected RFC3339")]
    [TestCase("{\"title\":\"t\",\"parent_issue_id\":\"00000000-0000-0000-0000-000000000001\"}", "parent issue not found in this workspace")]
    [TestCase("{\"title\":\"  \"}", "title is required")]
    [TestCase("{\"title\":5}", "invalid request body")]
    public async Task CreateIssue_BadInput_Is400(string body, string error)
    {
        var owner = await OwnerAsync();
        await owner.Client.PostRawAsync("/api/issues", body).ExpectErrorAsync(HttpStatusCode.BadRequest, error);
        var list = await owner.Client.GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetProperty("total").GetInt32(), Is.Zero, "nothing half-written");
    }

    [Test]
    public async Task CreateIssue_PrivateAgent_OnlyByOwnerOrAdmin()
    {
        var owner = await OwnerAsync();
        var runtime = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id);
        var agent = (await CreateAgentAsync(owner.Client, runtime, visibility: "private")).Id();
        var member = await MemberAsync(owner.WorkspaceId);
        await member.Client.PostAsync("/api/issues", new { title = "t", assignee_type = "agent", assignee_id = agent })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "cannot assign to private agent");
        await member.Client.PostAsync("/api/issues", new { title = "t", assignee_type = "agent", assignee_id = Guid.NewGuid() })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "agent not found");
        var admin = await MemberAsync(owner.WorkspaceId, "admin");
        await admin.Client.PostAsync("/api/issues", new { title = "t", assignee_type = "agent", assignee_id = agent }).ExpectAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task ListIssues_Filters_Paging_OpenOnly_AndBadQueries()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        await CreateIssueAsync(owner.Client, "todo", agent, "high");
        await CreateIssueAsync(owner.Client, "done");
        await CreateIssueAsync(owner.Client, "backlog", null, "high");
        var all = await owner.Client.GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);
        Assert.That(all.GetProperty("total").GetInt32(), Is.EqualTo(3));
        var high = await owner.Client.GetAsync("/api/issues?priority=high&limit=1").ExpectAsync(HttpStatusCode.OK);
        Assert.That(high.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(high.GetProperty("issues").GetArrayLength(), Is.EqualTo(1));
        var byAgent = await owner.Client.GetAsync($"/api/issues?assignee_ids={agent},{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(byAgent.GetProperty("total").GetInt32(), Is.EqualTo(1));
        var open = await owner.Client.GetAsync("/api/issues?open_only=true&status=done&limit=1").ExpectAsync(HttpStatusCode.OK);
        Assert.That(open.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(open.GetProperty("issues").GetArrayLength(), Is.EqualTo(2));

        await owner.Client.GetAsync("/api/issues?status=weird").ExpectAsync(HttpStatusCode.BadRequest);
        await owner.Client.GetAsync("/api/issues?assignee_id=nope").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid assignee_id");
        await owner.Client.GetAsync("/api/issues?limit=-1").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task UpdateIssue_Reassign_CancelsOldTasks_EnqueuesForNewAgent()
    {
        var (owner, runtime, first) = await WorkspaceWithAgentAsync();
        var second = (await CreateAgentAsync(owner.Client, runtime)).Id();
        var issue = (await CreateIssueAsync(owner.Client, "todo", first)).Id();
        var updated = await owner.Client.PutAsync($"/api/issues/{issue}", new { assignee_id = second }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.Id("assignee_id"), Is.EqualTo(second));
        var tasks = await IssueTasksAsync(issue);
        Assert.That(tasks.Single(t => t.AgentId == first).Status, Is.EqualTo("cancelled"));
        Assert.That(tasks.Single(t => t.AgentId == second).Status, Is.EqualTo("queued"));

        var evt = TestEnvironment.Factory.Events.OfType("issue:updated").Last(e => e.WorkspaceId == owner.WorkspaceId);
        var payload = UserApiConformanceTests.PayloadOf(evt);
        Assert.That(payload.GetProperty("assignee_changed").GetBoolean(), Is.True);
        Assert.That(payload.Id("prev_assignee_id"), Is.EqualTo(first));
    }

    [Test]
    public async Task UpdateIssue_UnassignWithNulls_CancelsTheAgentsTasks()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "todo", agent)).Id();
        var updated = await owner.Client.PutAsync($"/api/issues/{issue}", new { assignee_type = (string?)null, assignee_id = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.GetProperty("assignee_id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await IssueTasksAsync(issue)).Single().Status, Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task UpdateIssue_PartialFields_CancelledStatus_ParentRules()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var parent = (await CreateIssueAsync(owner.Client)).Id();
        var issue = (await CreateIssueAsync(owner.Client, "todo", agent)).Id();
        var updated = await owner.Client.PutAsync($"/api/issues/{issue}", new { title = "renamed", due_date = "2030-01-02T03:04:05Z", parent_issue_id = parent })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.Str("title"), Is.EqualTo("renamed"));
        Assert.That(updated.Str("due_date"), Is.EqualTo("2030-01-02T03:04:05Z"));
        Assert.That(updated.Id("parent_issue_id"), Is.EqualTo(parent));
        Assert.That(updated.Str("status"), Is.EqualTo("todo"));

        await owner.Client.PutAsync($"/api/issues/{issue}", new { parent_issue_id = issue })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "an issue cannot be its own parent");
        await owner.Client.PutAsync($"/api/issues/{parent}", new { parent_issue_id = issue })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "circular parent relationship detected");
        await owner.Client.PutAsync($"/api/issues/{issue}", new { status = "finished" }).ExpectAsync(HttpStatusCode.BadRequest);

        await owner.Client.PutAsync($"/api/issues/{issue}", new { status = "cancelled" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That((await IssueTasksAsync(issue)).Single().Status, Is.EqualTo("cancelled"));
        var cleared = await owner.Client.PutAsync($"/api/issues/{issue}", new { due_date = (string?)null }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(cleared.GetProperty("due_date").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(cleared.Id("parent_issue_id"), Is.EqualTo(parent), "absent keys stay");
    }

    [Test]
    public async Task DeleteIssue_ByIdentifier_CancelsAndDeletes()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = await CreateIssueAsync(owner.Client, "todo", agent);
        await owner.Client.DeleteAsync($"/api/issues/{issue.Str("identifier")}").ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.GetAsync($"/api/issues/{issue.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        Assert.That(await IssueTasksAsync(issue.Id()), Is.Empty, "tasks cascade with the issue");
        Assert.That(TestEnvironment.Factory.Events.OfType("issue:deleted").Any(e => e.WorkspaceId == owner.WorkspaceId));
    }

    [Test]
    public async Task Rerun_CancelsAssigneeTasks_And202sAFreshTask()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var unassigned = (await CreateIssueAsync(owner.Client)).Id();
        await owner.Client.PostAsync($"/api/issues/{unassigned}/rerun").ExpectErrorAsync(HttpStatusCode.BadRequest, "issue is not assigned to an agent");

        var issue = (await CreateIssueAsync(owner.Client, "todo", agent, "medium")).Id();
        var original = (await IssueTasksAsync(issue)).Single();
        var fresh = await owner.Client.PostAsync($"/api/issues/{issue}/rerun").ExpectAsync(HttpStatusCode.Accepted);
        Assert.That(fresh.Str("status"), Is.EqualTo("queued"));
        Assert.That(fresh.GetProperty("priority").GetInt32(), Is.EqualTo(2));
        Assert.That(fresh.Id("issue_id"), Is.EqualTo(issue));
        Assert.That(fresh.Str("workspace_id"), Is.EqualTo(owner.WorkspaceId.ToString()));
        Assert.That(fresh.TryGetProperty("trigger_comment_id", out _), Is.False);
        var tasks = await IssueTasksAsync(issue);
        Assert.That(tasks.Single(t => t.Id == original.Id).Status, Is.EqualTo("cancelled"));
        Assert.That(tasks.Single(t => t.Id == fresh.Id()).Status, Is.EqualTo("queued"));

        await owner.Client.PostAsync($"/api/agents/{agent}/archive").ExpectAsync(HttpStatusCode.OK);
        await owner.Client.PostAsync($"/api/issues/{issue}/rerun").ExpectErrorAsync(HttpStatusCode.BadRequest, "agent is archived");
    }

    [Test]
    public async Task Comments_ListPaging_Since_IdentifierExpansion_AndBadParameters()
    {
        var owner = await OwnerAsync();
        var target = await CreateIssueAsync(owner.Client);
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var identifier = target.Str("identifier");
        var c1 = await CommentAsync(owner.Client, issue, $"see {identifier}, not `{identifier}` nor {identifier}0");
        Assert.That(c1.Str("content"), Is.EqualTo($"see [{identifier}](mention://issue/{target.Id()}), not `{identifier}` nor {identifier}0"));
        await CommentAsync(owner.Client, issue, "second");

        using var response = await owner.Client.GetAsync($"/api/issues/{issue}/comments?limit=1&offset=1");
        var page = await Task.FromResult(response).ExpectAsync(HttpStatusCode.OK);
        Assert.That(page.EnumerateArray().Single().Str("content"), Is.EqualTo("second"));
        Assert.That(response.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("2"));
        var past = await owner.Client.GetAsync($"/api/issues/{issue}/comments?since=2000-01-01T00:00:00Z").ExpectAsync(HttpStatusCode.OK);
        Assert.That(past.GetArrayLength(), Is.EqualTo(2));
        var future = await owner.Client.GetAsync($"/api/issues/{issue}/comments?since=2999-01-01T00:00:00%2B02:00").ExpectAsync(HttpStatusCode.OK);
        Assert.That(future.GetArrayLength(), Is.Zero);

        await owner.Client.GetAsync($"/api/issues/{issue}/comments?limit=0").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid limit parameter");
        await owner.Client.GetAsync($"/api/issues/{issue}/comments?offset=-1").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid offset parameter");
        await owner.Client.GetAsync($"/api/issues/{issue}/comments?since=yesterday")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid since parameter; expected RFC3339 format");
        await owner.Client.PostAsync($"/api/issues/{issue}/comments", new { content = "" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "content is required");
        await owner.Client.PostAsync($"/api/issues/{issue}/comments", new { content = "x", parent_id = Guid.NewGuid() })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid parent comment");
        await owner.Client.PostAsync($"/api/issues/{issue}/comments", new { content = "x", type = "shout" }).ExpectAsync(HttpStatusCode.BadRequest);
        await owner.Client.PostAsync($"/api/issues/{Guid.NewGuid()}/comments", new { content = "x" }).ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");

        var created = TestEnvironment.Factory.Events.OfType("comment:created").First(e => e.WorkspaceId == owner.WorkspaceId);
        var payload = UserApiConformanceTests.PayloadOf(created);
        Assert.That(payload.GetProperty("comment").Id(), Is.EqualTo(c1.Id()));
        Assert.That(payload.Str("issue_status"), Is.EqualTo("todo"));
    }

    [Test]
    public async Task Mention_OfAnotherWorkspacesAgent_IsIgnored()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var (_, _, foreignAgent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var c = await CommentAsync(owner.Client, issue, $"{AgentMention(foreignAgent)} and {AgentMention(agent)}");
        Assert.That((await TriggeredByAsync(c.Id())).Select(t => t.AgentId), Is.EqualTo(new[] { agent }));
    }

    [Test]
    public async Task Chat_SessionMessagesPendingTaskReadAndCancel()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        await owner.Client.PostAsync("/api/chat/sessions", new { title = "x" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "agent_id is required");
        await owner.Client.PostAsync("/api/chat/sessions", new { agent_id = Guid.NewGuid() }).ExpectErrorAsync(HttpStatusCode.NotFound, "agent not found");
        var session = await owner.Client.PostAsync("/api/chat/sessions", new { agent_id = agent, title = "Help" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(session.Str("status"), Is.EqualTo("active"));
        Assert.That(session.GetProperty("has_unread").GetBoolean(), Is.False);

        var empty = await owner.Client.GetAsync($"/api/chat/sessions/{session.Id()}/pending-task").ExpectAsync(HttpStatusCode.OK);
        Assert.That(empty.EnumerateObject().Count(), Is.Zero);

        var sent = await owner.Client.PostAsync($"/api/chat/sessions/{session.Id()}/messages", new { content = "hello" }).ExpectAsync(HttpStatusCode.Created);
        var task = (await TasksAsync("id = @t", ("t", sent.Id("task_id")))).Single();
        Assert.That(task.ChatSessionId, Is.EqualTo(session.Id()));
        Assert.That(task.Priority, Is.EqualTo(2));
        var messages = await owner.Client.GetAsync($"/api/chat/sessions/{session.Id()}/messages").ExpectAsync(HttpStatusCode.OK);
        Assert.That(messages.EnumerateArray().Single().Str("role"), Is.EqualTo("user"));
        var pending = await owner.Client.GetAsync($"/api/chat/sessions/{session.Id()}/pending-task").ExpectAsync(HttpStatusCode.OK);
        Assert.That(pending.Id("task_id"), Is.EqualTo(task.Id));
        var all = await owner.Client.GetAsync("/api/chat/pending-tasks").ExpectAsync(HttpStatusCode.OK);
        Assert.That(all.GetProperty("tasks")[0].Id("chat_session_id"), Is.EqualTo(session.Id()));
        Assert.That(TestEnvironment.Factory.Events.OfType("chat:message").Any(e => e.WorkspaceId == owner.WorkspaceId));

        var other = await MemberAsync(owner.WorkspaceId);
        await other.Client.GetAsync($"/api/chat/sessions/{session.Id()}").ExpectErrorAsync(HttpStatusCode.Forbidden, "not your chat session");
        await other.Client.PostAsync($"/api/tasks/{task.Id}/cancel").ExpectErrorAsync(HttpStatusCode.Forbidden, "not your task");
        var cancelled = await owner.Client.PostAsync($"/api/tasks/{task.Id}/cancel").ExpectAsync(HttpStatusCode.OK);
        Assert.That(cancelled.Str("status"), Is.EqualTo("cancelled"));
        Assert.That(cancelled.Id("chat_session_id"), Is.EqualTo(session.Id()));
        var again = await owner.Client.PostAsync($"/api/tasks/{task.Id}/cancel").ExpectAsync(HttpStatusCode.OK);
        Assert.That(again.Str("status"), Is.EqualTo("cancelled"));

        await owner.Client.PostAsync($"/api/chat/sessions/{session.Id()}/read").ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.DeleteAsync($"/api/chat/sessions/{session.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.PostAsync($"/api/chat/sessions/{session.Id()}/messages", new { content = "again" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "chat session is archived");
        Assert.That((await owner.Client.GetAsync("/api/chat/sessions").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        Assert.That((await owner.Client.GetAsync("/api/chat/sessions?status=all").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task CancelTask_IssueTask_OtherWorkspace404_Unknown404()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "todo", agent)).Id();
        var task = (await IssueTasksAsync(issue)).Single();
        var foreign = await OwnerAsync();
        await foreign.Client.PostAsync($"/api/tasks/{task.Id}/cancel").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        await owner.Client.PostAsync($"/api/tasks/{Guid.NewGuid()}/cancel").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        await owner.Client.PostAsync("/api/tasks/not-a-uuid/cancel").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        var cancelled = await owner.Client.PostAsync($"/api/tasks/{task.Id}/cancel").ExpectAsync(HttpStatusCode.OK);
        Assert.That(cancelled.Str("status"), Is.EqualTo("cancelled"));
        Assert.That(cancelled.GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    [Test]
    public async Task Autopilots_Crud_TriggerBothModes_Runs()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        await owner.Client.PostAsync("/api/autopilots", new { assignee_id = agent }).ExpectErrorAsync(HttpStatusCode.BadRequest, "title is required");
        await owner.Client.PostAsync("/api/autopilots", new { title = "t" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "assignee_id is required");
        await owner.Client.PostAsync("/api/autopilots", new { title = "t", assignee_id = agent }).ExpectErrorAsync(HttpStatusCode.BadRequest, "execution_mode is required");
        await owner.Client.PostAsync("/api/autopilots", new { title = "t", assignee_id = agent, execution_mode = "often" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "execution_mode must be create_issue or run_only");
        await owner.Client.PostAsync("/api/autopilots", new { title = "t", assignee_id = Guid.NewGuid(), execution_mode = "run_only" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "assignee must be a valid agent in this workspace");

        var daily = await owner.Client.PostAsync("/api/autopilots", new
        {
            title = "Daily report", description = "Summarise", assignee_id = agent, execution_mode = "create_issue", issue_title_template = "Report {{date}}",
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(daily.Str("status"), Is.EqualTo("active"));
        var run = await owner.Client.PostAsync($"/api/autopilots/{daily.Id()}/trigger").ExpectAsync(HttpStatusCode.OK);
        Assert.That(run.Str("status"), Is.EqualTo("issue_created"));
        Assert.That(run.Str("source"), Is.EqualTo("manual"));
        var issue = await owner.Client.GetAsync($"/api/issues/{run.Id("issue_id")}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(issue.Str("title"), Is.EqualTo($"Report {DateTime.UtcNow:yyyy-MM-dd}"));
        Assert.That(issue.Str("description"), Does.StartWith("Summarise\n\n---\n*Autopilot run triggered at "));
        Assert.That((await IssueTasksAsync(issue.Id())).Single().AgentId, Is.EqualTo(agent));

        var runOnly = await owner.Client.PostAsync("/api/autopilots", new { title = "Sweep", assignee_id = agent, execution_mode = "run_only" })
            .ExpectAsync(HttpStatusCode.Created);
        var run2 = await owner.Client.PostAsync($"/api/autopilots/{runOnly.Id()}/trigger").ExpectAsync(HttpStatusCode.OK);
        Assert.That(run2.Str("status"), Is.EqualTo("running"));
        var task = (await TasksAsync("id = @t", ("t", run2.Id("task_id")))).Single();
        Assert.That(task.AutopilotRunId, Is.EqualTo(run2.Id()));
        Assert.That(task.IssueId, Is.Null);
        Assert.That(task.Priority, Is.Zero);
        Assert.That(TestEnvironment.Factory.Events.OfType("autopilot:run_start").Count(e => e.WorkspaceId == owner.WorkspaceId), Is.EqualTo(2));

        // The run-only task can be cancelled through its autopilot's workspace.
        await owner.Client.PostAsync($"/api/tasks/{task.Id}/cancel").ExpectAsync(HttpStatusCode.OK);

        var list = await owner.Client.GetAsync("/api/autopilots").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(2));
        var detail = await owner.Client.GetAsync($"/api/autopilots/{daily.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(detail.GetProperty("autopilot").GetProperty("last_run_at").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(detail.GetProperty("triggers").GetArrayLength(), Is.Zero);
        var runs = await owner.Client.GetAsync($"/api/autopilots/{daily.Id()}/runs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(runs.GetProperty("total").GetInt32(), Is.EqualTo(1));

        var paused = await owner.Client.PatchAsync($"/api/autopilots/{daily.Id()}", new { status = "paused", description = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(paused.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(paused.Str("issue_title_template"), Is.EqualTo("Report {{date}}"));
        await owner.Client.PostAsync($"/api/autopilots/{daily.Id()}/trigger").ExpectErrorAsync(HttpStatusCode.BadRequest, "autopilot is not active");

        await owner.Client.PostAsync($"/api/agents/{agent}/archive").ExpectAsync(HttpStatusCode.OK);
        await owner.Client.PostAsync($"/api/autopilots/{runOnly.Id()}/trigger")
            .ExpectErrorAsync(HttpStatusCode.InternalServerError, "failed to trigger autopilot: agent is archived");
        var failed = (await owner.Client.GetAsync($"/api/autopilots/{runOnly.Id()}/runs").ExpectAsync(HttpStatusCode.OK)).GetProperty("runs")[0];
        Assert.That(failed.Str("status"), Is.EqualTo("failed"));
        Assert.That(failed.Str("failure_reason"), Is.EqualTo("agent is archived"));

        await owner.Client.DeleteAsync($"/api/autopilots/{daily.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.GetAsync($"/api/autopilots/{daily.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "autopilot not found");
    }

    [Test]
    public async Task ActorAttribution_AgentHeaders_AndFallbackToMember()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var client = WorkspaceClient(owner.User.Jwt, owner.WorkspaceId);
        client.Http.DefaultRequestHeaders.Add("X-Agent-ID", agent.ToString());
        var byAgent = await client.PostAsync("/api/issues", new { title = "from agent" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(byAgent.Str("creator_type"), Is.EqualTo("agent"));
        Assert.That(byAgent.Id("creator_id"), Is.EqualTo(agent));

        var (_, _, foreignAgent) = await WorkspaceWithAgentAsync();
        var spoof = WorkspaceClient(owner.User.Jwt, owner.WorkspaceId);
        spoof.Http.DefaultRequestHeaders.Add("X-Agent-ID", foreignAgent.ToString());
        var fallback = await spoof.PostAsync("/api/issues", new { title = "spoofed" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(fallback.Str("creator_type"), Is.EqualTo("member"));

        var badTask = WorkspaceClient(owner.User.Jwt, owner.WorkspaceId);
        badTask.Http.DefaultRequestHeaders.Add("X-Agent-ID", agent.ToString());
        badTask.Http.DefaultRequestHeaders.Add("X-Task-ID", Guid.NewGuid().ToString());
        var member = await badTask.PostAsync("/api/issues", new { title = "unknown task" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(member.Str("creator_type"), Is.EqualTo("member"));
    }

    [Test]
    public async Task TaskToken_ActsAsItsAgent_InItsOwnWorkspaceOnly()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "backlog", agent)).Id();
        var trigger = await CommentAsync(owner.Client, issue, "please fix");
        var task = (await TriggeredByAsync(trigger.Id())).Single();
        var token = "mat_" + Guid.NewGuid().ToString("N") + "01234567";
        await ExecuteAsync("""
            INSERT INTO task_token (token_hash, task_id, agent_id, workspace_id, user_id, expires_at)
            VALUES (@h, @t, @a, @w, @u, now() + interval '1 hour')
            """, ("h", Multica.Application.Common.Security.OpaqueTokens.Hash(token)), ("t", task.Id), ("a", agent),
            ("w", owner.WorkspaceId), ("u", owner.Id));

        var client = TestData.ClientWith(token);
        await client.PostAsync($"/api/issues/{issue}/comments", new { content = "wrong thread" })
            .ExpectErrorAsync(HttpStatusCode.Conflict, $"parent_id must equal this task's trigger comment id ({trigger.Id()})");
        var reply = await client.PostAsync($"/api/issues/{issue}/comments", new { content = "done", parent_id = trigger.Id() })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(reply.Str("author_type"), Is.EqualTo("agent"));
        Assert.That(reply.Id("author_id"), Is.EqualTo(agent));
        Assert.That(await TriggeredByAsync(reply.Id()), Is.Empty, "an agent reply never re-triggers the assignee");

        var foreign = await OwnerAsync();
        await client.GetAsync($"/api/issues?workspace_id={foreign.WorkspaceId}").ExpectAsync(HttpStatusCode.OK);
        var list = await client.GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetProperty("issues").EnumerateArray().Select(i => i.Id()), Does.Contain(issue), "a task token always acts in its own workspace");
    }
}
