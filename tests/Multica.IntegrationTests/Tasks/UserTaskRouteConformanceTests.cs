using Multica.IntegrationTests.DaemonProtocol;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Tasks;

/// <summary>Conformance ids C61–C68 and C72 (tests/README.md): the web app's task routes and the gc-check 404 rule.</summary>
public sealed class UserTaskRouteConformanceTests
{
    private static ApiClient InWorkspace(SignedInUser user, Guid workspaceId)
    {
        var http = TestEnvironment.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Jwt);
        http.DefaultRequestHeaders.Add("X-Workspace-ID", workspaceId.ToString());
        return new ApiClient(http, null);
    }

    private sealed record Setup(DaemonWorld World, Guid Agent, Guid Issue, Guid Task, ApiClient Member);

    private static async Task<Setup> SetupAsync(string status = "queued")
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: issue, status: status);
        return new Setup(w, agent, issue, task, InWorkspace(w.Owner, w.Workspace.Id));
    }

    /// <summary>A user browsing their own workspace who tries an issue of someone else's.</summary>
    private static async Task<ApiClient> OutsiderAsync()
    {
        var outsider = await TestData.SignInAsync();
        var own = await TestData.CreateWorkspaceAsync(outsider.Client);
        return InWorkspace(outsider, own.Id);
    }

    [Test]
    [Property("Id", "C61")]
    public async Task ActiveTask_ForeignIssue_Returns404()
    {
        var s = await SetupAsync();
        await (await OutsiderAsync()).GetAsync($"/api/issues/{s.Issue}/active-task").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
    }

    [Test]
    [Property("Id", "C62")]
    public async Task Cancel_ForeignIssueAndTask_Returns404_TaskStaysQueued()
    {
        var s = await SetupAsync();
        await (await OutsiderAsync()).PostAsync($"/api/issues/{s.Issue}/tasks/{s.Task}/cancel").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        Assert.That(await TaskStatusAsync(s.Task), Is.EqualTo("queued"));
    }

    [Test]
    [Property("Id", "C63")]
    public async Task Cancel_TaskOfAnotherIssue_Returns404_TaskStaysQueued()
    {
        var s = await SetupAsync();
        var otherIssue = await IssueAsync(s.World.Workspace.Id, s.World.Owner.Id);
        await s.Member.PostAsync($"/api/issues/{otherIssue}/tasks/{s.Task}/cancel").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        Assert.That(await TaskStatusAsync(s.Task), Is.EqualTo("queued"));
    }

    [Test]
    [Property("Id", "C64")]
    public async Task Cancel_MatchingIssueAndTask_Returns200()
    {
        var s = await SetupAsync(status: "running");
        var body = await s.Member.PostAsync($"/api/issues/{s.Issue}/tasks/{s.Task}/cancel").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("cancelled"));
        Assert.That(body.GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(Events("task:cancelled", p => p.HasTask(s.Task)), Has.Count.EqualTo(1));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent WHERE id = @a", ("a", s.Agent)), Is.EqualTo("idle"));
        var again = await s.Member.PostAsync($"/api/issues/{s.Issue}/tasks/{s.Task}/cancel").ExpectAsync(HttpStatusCode.OK);
        Assert.That(again.Str("completed_at"), Is.EqualTo(body.Str("completed_at")));
        Assert.That(Events("task:cancelled", p => p.HasTask(s.Task)), Has.Count.EqualTo(1), "a finished task is returned without side effects");
    }

    [Test]
    [Property("Id", "C65")]
    public async Task TaskRuns_ForeignIssue_Returns404()
    {
        var s = await SetupAsync();
        await (await OutsiderAsync()).GetAsync($"/api/issues/{s.Issue}/task-runs").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
    }

    [Test]
    [Property("Id", "C66")]
    public async Task Usage_ForeignIssue_Returns404_OwnIssueSums()
    {
        var s = await SetupAsync(status: "running");
        await (await OutsiderAsync()).GetAsync($"/api/issues/{s.Issue}/usage").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await s.World.Daemon.PostAsync($"/api/daemon/tasks/{s.Task}/usage", new
        {
            usage = new object[]
            {
                new { provider = "claude", model = "a", input_tokens = 10, output_tokens = 1, cache_read_tokens = 0, cache_write_tokens = 0 },
                new { provider = "claude", model = "b", input_tokens = 5, output_tokens = 2, cache_read_tokens = 3, cache_write_tokens = 4 },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        var usage = await s.Member.GetAsync($"/api/issues/{s.Issue}/usage").ExpectAsync(HttpStatusCode.OK);
        Assert.That(usage.GetProperty("total_input_tokens").GetInt64(), Is.EqualTo(15));
        Assert.That(usage.GetProperty("total_cache_write_tokens").GetInt64(), Is.EqualTo(4));
        Assert.That(usage.GetProperty("task_count").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    [Property("Id", "C67")]
    public async Task ActiveTask_OnlyInFlight_TaskRuns_AllLatestFirst()
    {
        var s = await SetupAsync(status: "queued");
        var empty = await s.Member.GetAsync($"/api/issues/{s.Issue}/active-task").ExpectAsync(HttpStatusCode.OK);
        Assert.That(empty.GetProperty("tasks").GetArrayLength(), Is.EqualTo(0));
        var running = await TaskAsync(s.Agent, s.World.RuntimeId, issueId: s.Issue, status: "running", createdAt: DateTime.UtcNow.AddMinutes(1));
        var active = await s.Member.GetAsync($"/api/issues/{s.Issue}/active-task").ExpectAsync(HttpStatusCode.OK);
        Assert.That(active.GetProperty("tasks").EnumerateArray().Select(t => t.Str("id")), Is.EqualTo(new[] { running.ToString() }));
        var runs = await s.Member.GetAsync($"/api/issues/{s.Issue}/task-runs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(runs.EnumerateArray().Select(t => t.Str("id")), Is.EqualTo(new[] { running.ToString(), s.Task.ToString() }));
        // The issue can also be addressed by its identifier; only the number counts.
        var number = await ScalarAsync<int>("SELECT number FROM issue WHERE id = @i", ("i", s.Issue));
        var byIdentifier = await s.Member.GetAsync($"/api/issues/ANY-{number}/task-runs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(byIdentifier.GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    [Property("Id", "C68")]
    public async Task UserTaskMessages_TaskOfAnotherWorkspace_Returns404()
    {
        var s = await SetupAsync(status: "running");
        await s.World.Daemon.PostAsync($"/api/daemon/tasks/{s.Task}/messages", new { messages = new[] { new { seq = 1, type = "text", content = "hi" } } })
            .ExpectAsync(HttpStatusCode.OK);
        await (await OutsiderAsync()).GetAsync($"/api/tasks/{s.Task}/messages").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        var own = await s.Member.GetAsync($"/api/tasks/{s.Task}/messages").ExpectAsync(HttpStatusCode.OK);
        Assert.That(own.GetArrayLength(), Is.EqualTo(1));
        await s.Member.GetAsync($"/api/tasks/{s.Task}/messages?since=x").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid since parameter");
    }

    [Test]
    [Property("Id", "C72")]
    public async Task GcCheck_CrossWorkspace_StaysA404()
    {
        var s = await SetupAsync();
        var outsider = await TestData.SignInAsync();
        var pat = TestData.ClientWith(await TestData.CreatePatAsync(outsider.Client));
        using var response = await pat.GetAsync($"/api/daemon/issues/{s.Issue}/gc-check");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
