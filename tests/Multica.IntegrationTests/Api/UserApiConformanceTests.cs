using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using Multica.WebApi.Infrastructure;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;

namespace Multica.IntegrationTests.Api;

/// <summary>Conformance of the user-facing API (docs/api.md), one test per id (tests/README.md).</summary>
public sealed class UserApiConformanceTests
{
    [TestCase("/api/me")]
    [TestCase("/api/issues")]
    [TestCase("/api/agents")]
    [TestCase("/api/inbox")]
    [TestCase("/api/workspaces")]
    [Property("Id", "CP03")]
    public async Task UserRoutesWithoutCredentials_Return401(string path)
    {
        using var response = await TestData.Anonymous().GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("garbage")]
    [TestCase("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.")]
    [TestCase("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMiLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmVkLXdpdGgtYW5vdGhlci1zZWNyZXQ")]
    [Property("Id", "CP04")]
    public async Task BadJwts_Return401(string token)
    {
        await TestData.ClientWith(token).GetAsync("/api/me").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }

    [Test]
    [Property("Id", "CP05")]
    public async Task MissingAuthorization_ExactBody()
    {
        using var response = await TestData.Anonymous().GetAsync("/api/me");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"missing authorization\"}\n"));

        var http = TestEnvironment.Factory.CreateClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token x");
        using var other = await http.GetAsync("/api/me");
        Assert.That(await other.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"missing authorization\"}\n"));
    }

    [Test]
    [Property("Id", "CP06")]
    public async Task UnknownPat_Returns401()
    {
        await TestData.ClientWith("mul_" + new string('0', 40)).GetAsync("/api/me")
            .ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }

    [Test]
    [Property("Id", "CP08")]
    public async Task WrongCode_Returns400_AndFiveFailuresExhaustTheCode()
    {
        var email = TestData.UniqueEmail();
        var anon = TestData.Anonymous();
        await anon.PostAsync("/auth/send-code", new { email }).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
            await anon.PostAsync("/auth/verify-code", new { email, code = "000000" })
                .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid or expired code");
        await anon.PostAsync("/auth/verify-code", new { email, code = "888888" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid or expired code");
    }

    [Test]
    [Property("Id", "CP09")]
    public async Task BacklogIssueAssignedToAgent_EnqueuesNothing_MovingToTodo_EnqueuesOne()
    {
        var (owner, _, agentId) = await WorkspaceWithAgentAsync();
        var issue = await CreateIssueAsync(owner.Client, "backlog", agentId);
        Assert.That(await IssueTasksAsync(issue.Id()), Is.Empty);

        await owner.Client.PutAsync($"/api/issues/{issue.Id()}", new { status = "todo" }).ExpectAsync(HttpStatusCode.OK);
        var tasks = await IssueTasksAsync(issue.Id());
        Assert.That(tasks, Has.Count.EqualTo(1));
        Assert.That(tasks[0].Status, Is.EqualTo("queued"));
        Assert.That(tasks[0].AgentId, Is.EqualTo(agentId));
    }

    [Test]
    [Property("Id", "CP10")]
    public async Task AssigningAgentToInProgressIssue_EnqueuesOne()
    {
        var (owner, _, agentId) = await WorkspaceWithAgentAsync();
        var issue = await CreateIssueAsync(owner.Client, "in_progress");
        await owner.Client.PutAsync($"/api/issues/{issue.Id()}", new { assignee_type = "agent", assignee_id = agentId })
            .ExpectAsync(HttpStatusCode.OK);
        var tasks = await IssueTasksAsync(issue.Id());
        Assert.That(tasks, Has.Count.EqualTo(1));
        Assert.That(tasks[0].AgentId, Is.EqualTo(agentId));
    }

    [Test]
    [Property("Id", "CP11")]
    public async Task CommentTriggerMatrix()
    {
        var (owner, runtime, agent) = await WorkspaceWithAgentAsync();
        var other = await MemberAsync(owner.WorkspaceId);
        var second = (await CreateAgentAsync(owner.Client, runtime)).Id();

        async Task<Guid> NewIssue() => (await CreateIssueAsync(owner.Client, "backlog", agent)).Id();
        async Task<IReadOnlyList<TaskRow>> Triggered(JsonElement comment) => await TriggeredByAsync(comment.Id());

        // 1. plain top-level member comment → 1 task, triggered by that comment
        var issue = await NewIssue();
        var c = await CommentAsync(owner.Client, issue, "please fix");
        Assert.That((await Triggered(c)).Select(t => t.AgentId), Is.EqualTo(new[] { agent }), "plain comment");

        // 2. mentioning only someone else → 0
        issue = await NewIssue();
        c = await CommentAsync(owner.Client, issue, $"{MemberMention(other.Id)} can you look?");
        Assert.That(await Triggered(c), Is.Empty, "mention of someone else");

        // 3. mentioning the assignee → 1, not 2
        issue = await NewIssue();
        c = await CommentAsync(owner.Client, issue, $"{AgentMention(agent)} go");
        Assert.That(await Triggered(c), Has.Count.EqualTo(1), "mention of the assignee");

        // 4. reply in an agent-started thread → 1
        issue = await NewIssue();
        var agentRoot = await AgentCommentAsync(owner, agent, issue, "I started");
        c = await CommentAsync(owner.Client, issue, "thanks, continue", agentRoot.Id());
        Assert.That(await Triggered(c), Has.Count.EqualTo(1), "reply in agent thread");

        // 5. member-to-member reply → 0
        issue = await NewIssue();
        var memberRoot = await CommentAsync(other.Client, issue, "a question for people");
        await CompleteIssueTasksAsync(issue);
        c = await CommentAsync(owner.Client, issue, "an answer", memberRoot.Id());
        Assert.That(await Triggered(c), Is.Empty, "member-to-member reply");

        // 6. reply after the agent joined the thread → 1
        await AgentCommentAsync(owner, agent, issue, "I can help", memberRoot.Id());
        c = await CommentAsync(owner.Client, issue, "please do", memberRoot.Id());
        Assert.That(await Triggered(c), Has.Count.EqualTo(1), "reply after the agent joined");

        // 7. @all → 0
        issue = await NewIssue();
        c = await CommentAsync(owner.Client, issue, "[@all](mention://all/all) heads up");
        Assert.That(await Triggered(c), Is.Empty, "@all");

        // 8. @mention on a done issue → 1
        var done = (await CreateIssueAsync(owner.Client, "done", agent)).Id();
        await CompleteIssueTasksAsync(done);
        c = await CommentAsync(owner.Client, done, $"{AgentMention(agent)} one more thing");
        Assert.That(await Triggered(c), Has.Count.EqualTo(1), "mention on done issue");

        // 9. reply inherits the root's agent mention → 1
        issue = await NewIssue();
        var mentionRoot = await CommentAsync(other.Client, issue, $"{AgentMention(agent)} look at this");
        await CompleteIssueTasksAsync(issue);
        c = await CommentAsync(owner.Client, issue, "+1", mentionRoot.Id());
        Assert.That(await Triggered(c), Has.Count.EqualTo(1), "reply inherits root mention");

        // 10. reply mentioning only a member → 0
        issue = await NewIssue();
        memberRoot = await CommentAsync(other.Client, issue, "discussion");
        await CompleteIssueTasksAsync(issue);
        c = await CommentAsync(owner.Client, issue, $"{MemberMention(other.Id)} what do you think", memberRoot.Id());
        Assert.That(await Triggered(c), Is.Empty, "reply mentioning a member");

        // 11. reply mentioning a different agent → only that agent
        c = await CommentAsync(owner.Client, issue, $"{AgentMention(second, "Second")} take it", memberRoot.Id());
        Assert.That((await Triggered(c)).Select(t => t.AgentId), Is.EqualTo(new[] { second }), "reply mentioning another agent");
    }

    [Test]
    [Property("Id", "CP12")]
    public async Task TwoRapidMemberComments_LeaveOnePendingTask()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "backlog", agent)).Id();
        await Task.WhenAll(CommentAsync(owner.Client, issue, "first"), CommentAsync(owner.Client, issue, "second"));
        var pending = (await IssueTasksAsync(issue)).Where(t => t.Status is "queued" or "dispatched").ToList();
        Assert.That(pending, Has.Count.EqualTo(1));
    }

    [Test]
    [Property("Id", "CP13")]
    public async Task MentioningAssignedAgentOnDoneIssue_EnqueuesOne()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "done", agent)).Id();
        // Creating an assigned non-backlog issue enqueues (docs/lifecycle.md); that run is over.
        await CompleteIssueTasksAsync(issue);
        var mention = await CommentAsync(owner.Client, issue, $"{AgentMention(agent)} reopen please");
        var tasks = await TriggeredByAsync(mention.Id());
        Assert.That(tasks, Has.Count.EqualTo(1));
        Assert.That(tasks[0].AgentId, Is.EqualTo(agent));
        Assert.That((await IssueTasksAsync(issue)).Count(t => t.Status == "queued"), Is.EqualTo(1));
    }

    [Test]
    [Property("Id", "CP14")]
    public async Task AgentCommentWithWrongParent_OnCommentTriggeredTask_Returns409()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "backlog", agent)).Id();
        var trigger = await CommentAsync(owner.Client, issue, "please fix");
        var task = (await TriggeredByAsync(trigger.Id())).Single();
        var elsewhere = await CommentAsync(owner.Client, issue, "unrelated thread");

        var client = WorkspaceClient(owner.User.Jwt, owner.WorkspaceId);
        client.Http.DefaultRequestHeaders.Add("X-Agent-ID", agent.ToString());
        client.Http.DefaultRequestHeaders.Add("X-Task-ID", task.Id.ToString());
        await client.PostAsync($"/api/issues/{issue}/comments", new { content = "done", parent_id = elsewhere.Id() })
            .ExpectErrorAsync(HttpStatusCode.Conflict, $"parent_id must equal this task's trigger comment id ({trigger.Id()})");

        var ok = await client.PostAsync($"/api/issues/{issue}/comments", new { content = "done", parent_id = trigger.Id() })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(ok.Str("author_type"), Is.EqualTo("agent"));
        Assert.That(ok.Id("author_id"), Is.EqualTo(agent));
    }

    [Test]
    [Property("Id", "CP15")]
    public async Task UsageIsBucketedByReportDay_AndDaysOneCoversYesterday()
    {
        var (owner, runtime, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "todo", agent)).Id();
        var task = (await IssueTasksAsync(issue)).Single();
        var model = "model-" + Guid.NewGuid().ToString("N")[..6];
        var yesterday = DateTime.UtcNow.Date.AddDays(-1);
        // Queued three days ago, usage reported yesterday just after midnight: it counts for yesterday.
        await ExecuteAsync("UPDATE agent_task_queue SET created_at = @c WHERE id = @t", ("c", yesterday.AddDays(-2)), ("t", task.Id));
        await ExecuteAsync("""
            INSERT INTO task_usage (task_id, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, created_at)
            VALUES (@t, 'claude', @m, 100, 50, 10, 5, @at)
            """, ("t", task.Id), ("m", model), ("at", yesterday.AddMinutes(5)));

        var usage = await owner.Client.GetAsync($"/api/runtimes/{runtime}/usage?days=1").ExpectAsync(HttpStatusCode.OK);
        var row = usage.EnumerateArray().Single();
        Assert.That(row.Str("date"), Is.EqualTo(yesterday.ToString("yyyy-MM-dd")));
        Assert.That(row.Str("model"), Is.EqualTo(model));
        Assert.That(row.GetProperty("input_tokens").GetInt64(), Is.EqualTo(100));
        Assert.That(row.Id("runtime_id"), Is.EqualTo(runtime));

        var summary = await owner.Client.GetAsync("/api/usage/summary?days=1").ExpectAsync(HttpStatusCode.OK);
        var s = summary.EnumerateArray().Single();
        Assert.That(s.GetProperty("total_input_tokens").GetInt64(), Is.EqualTo(100));
        Assert.That(s.GetProperty("task_count").GetInt32(), Is.EqualTo(1));

        // Reported two days ago: outside days=1.
        await ExecuteAsync("UPDATE task_usage SET created_at = @at WHERE task_id = @t", ("at", yesterday.AddHours(-1)), ("t", task.Id));
        Assert.That((await owner.Client.GetAsync($"/api/runtimes/{runtime}/usage?days=1").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        Assert.That((await owner.Client.GetAsync("/api/usage/summary?days=1").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
    }

    [Test]
    [Property("Id", "CP16")]
    public async Task LocalSkillsByAdminWhoDoesNotOwnTheRuntime_Returns403()
    {
        var owner = await OwnerAsync();
        var runtime = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id);
        var admin = await MemberAsync(owner.WorkspaceId, "admin");
        await admin.Client.PostAsync($"/api/runtimes/{runtime}/local-skills")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await admin.Client.GetAsync($"/api/runtimes/{runtime}/local-skills/{new string('a', 32)}")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
    }

    [Test]
    [Property("Id", "CP18")]
    public async Task DuplicateAgentName_Returns409()
    {
        var owner = await OwnerAsync();
        var runtime = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id);
        await CreateAgentAsync(owner.Client, runtime, "Coder");
        await owner.Client.PostAsync("/api/agents", new { name = "Coder", runtime_id = runtime })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "an agent named \"Coder\" already exists in this workspace");
    }

    [Test]
    [Property("Id", "CP19")]
    public async Task DeleteRuntime_WithActiveAgent409_ByPlainNonOwner403()
    {
        var (owner, runtime, agent) = await WorkspaceWithAgentAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        await member.Client.DeleteAsync($"/api/runtimes/{runtime}")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "you can only delete your own runtimes");
        await owner.Client.DeleteAsync($"/api/runtimes/{runtime}").ExpectErrorAsync(HttpStatusCode.Conflict,
            "cannot delete runtime: it has active agents bound to it. Archive or reassign the agents first.");

        await owner.Client.PostAsync($"/api/agents/{agent}/archive").ExpectAsync(HttpStatusCode.OK);
        var ok = await owner.Client.DeleteAsync($"/api/runtimes/{runtime}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.Str("status"), Is.EqualTo("ok"));
        var list = await owner.Client.GetAsync("/api/runtimes").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.Zero);
        Assert.That(TestEnvironment.Factory.Events.OfType("daemon:register").Any(e => e.WorkspaceId == owner.WorkspaceId));
    }

    [Test]
    [Property("Id", "CP21")]
    public async Task CookieMode_AsTheStockWebApp()
    {
        var email = TestData.UniqueEmail();
        var anon = TestData.Anonymous();
        await anon.PostAsync("/auth/send-code", new { email }).ExpectAsync(HttpStatusCode.OK);
        using var verify = await anon.PostAsync("/auth/verify-code", new { email, code = "888888" });
        var cookies = verify.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var auth = cookies.Single(c => c.StartsWith("multica_auth="));
        var csrf = cookies.Single(c => c.StartsWith("multica_csrf="))["multica_csrf=".Length..];

        var http = TestEnvironment.Factory.CreateClient();
        http.DefaultRequestHeaders.Add("Cookie", auth);
        var browser = new ApiClient(http, null);
        await browser.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        await browser.GetAsync("/api/workspaces").ExpectAsync(HttpStatusCode.OK);
        await browser.PostAsync("/api/workspaces", new { name = "x", slug = TestData.UniqueSlug() })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "CSRF validation failed");
        http.DefaultRequestHeaders.Add("X-CSRF-Token", Uri.UnescapeDataString(csrf));
        var ws = await browser.PostAsync("/api/workspaces", new { name = "x", slug = TestData.UniqueSlug() }).ExpectAsync(HttpStatusCode.Created);
        http.DefaultRequestHeaders.Add("X-Workspace-Slug", ws.Str("slug"));
        await browser.GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);

        // /ws upgrades on the cookie alone (no auth frame) and answers a ping.
        var sockets = TestEnvironment.Factory.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = r => r.Headers["Cookie"] = auth;
        using var socket = await sockets.ConnectAsync(
            new Uri(TestEnvironment.Factory.Server.BaseAddress, $"/ws?workspace_slug={ws.Str("slug")}"), CancellationToken.None);
        await socket.SendAsync("{\"type\":\"ping\"}"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frame = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.That(System.Text.Encoding.UTF8.GetString(buffer, 0, frame.Count), Is.EqualTo("{\"type\":\"pong\"}"));
    }

    [Test]
    [Property("Id", "CP22")]
    public async Task EditAndDeleteComment_AuthorOrAdminOnly()
    {
        var (owner, _, _) = await WorkspaceWithAgentAsync();
        var author = await MemberAsync(owner.WorkspaceId);
        var bystander = await MemberAsync(owner.WorkspaceId);
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var comment = await CommentAsync(author.Client, issue, "first draft");

        var edited = await author.Client.PutAsync($"/api/comments/{comment.Id()}", new { content = "final" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(edited.Str("content"), Is.EqualTo("final"));
        Assert.That(TestEnvironment.Factory.Events.OfType("comment:updated").Any(e => e.WorkspaceId == owner.WorkspaceId));

        await bystander.Client.PutAsync($"/api/comments/{comment.Id()}", new { content = "hijack" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "only comment author or admin can edit");
        await bystander.Client.DeleteAsync($"/api/comments/{comment.Id()}")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "only comment author or admin can delete");

        await author.Client.DeleteAsync($"/api/comments/{comment.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        var timeline = await owner.Client.GetAsync($"/api/issues/{issue}/timeline").ExpectAsync(HttpStatusCode.OK);
        Assert.That(timeline.EnumerateArray().Count(e => e.Str("type") == "comment"), Is.Zero);
        var comments = await owner.Client.GetAsync($"/api/issues/{issue}/comments").ExpectAsync(HttpStatusCode.OK);
        Assert.That(comments.GetArrayLength(), Is.Zero);
    }

    [Test]
    [Property("Id", "CP23")]
    public async Task Timeline_ListsCommentsInOrder_IncludingAgentComments()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var first = await CommentAsync(owner.Client, issue, "question");
        var reply = await AgentCommentAsync(owner, agent, issue, "answer", first.Id());

        var timeline = await owner.Client.GetAsync($"/api/issues/{issue}/timeline").ExpectAsync(HttpStatusCode.OK);
        var entries = timeline.EnumerateArray().Where(e => e.Str("type") == "comment").ToList();
        Assert.That(entries.Select(e => e.Id()), Is.EqualTo(new[] { first.Id(), reply.Id() }));
        Assert.That(entries[1].Str("actor_type"), Is.EqualTo("agent"));
        Assert.That(entries[1].Id("parent_id"), Is.EqualTo(first.Id()));
        Assert.That(entries[0].TryGetProperty("parent_id", out _), Is.False);
        Assert.That(entries[0].Str("comment_type"), Is.EqualTo("comment"));
    }

    internal static JsonElement PayloadOf(Multica.Application.Common.Interfaces.RealtimeEvent evt) =>
        JsonSerializer.SerializeToElement(evt.Payload, JsonDefaults.Options);
}
