using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class BatchIssuesTests
{
    [Test]
    public async Task BatchUpdate_ChangesOwnIssues_SkipsForeignMissingAndRefused_PublishesPerIssue()
    {
        var owner = await OwnerAsync();
        var other = await OwnerAsync();
        var a = (await CreateIssueAsync(owner.Client, status: "backlog")).Id();
        var b = (await CreateIssueAsync(owner.Client, status: "backlog")).Id();
        var foreign = (await CreateIssueAsync(other.Client, status: "backlog")).Id();

        var body = await owner.Client.PostAsync("/api/issues/batch-update", new
        {
            issue_ids = new[] { a.ToString(), b.ToString(), foreign.ToString(), "not-a-uuid", Guid.NewGuid().ToString() },
            updates = new { status = "todo", priority = "high" },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(2));

        foreach (var id in new[] { a, b })
        {
            var issue = await owner.Client.GetAsync($"/api/issues/{id}").ExpectAsync(HttpStatusCode.OK);
            Assert.That(issue.Str("status"), Is.EqualTo("todo"));
            Assert.That(issue.Str("priority"), Is.EqualTo("high"));
            var evt = (await EventAsync("issue:updated", e => e.WorkspaceId == owner.WorkspaceId &&
                e.PayloadJson().GetProperty("issue").Id() == id)).PayloadJson();
            Assert.That(evt.GetProperty("status_changed").GetBoolean(), Is.True);
            Assert.That(evt.GetProperty("priority_changed").GetBoolean(), Is.True);
            // The per-issue follow-ups (activity entries) run on the batch's events as on a single update.
            await EventuallyAsync(owner.Client, $"/api/issues/{id}/timeline",
                t => t.Items().Any(e => e.Str("type") == "activity" && e.Str("action") == "status_changed"));
        }
        var untouched = await other.Client.GetAsync($"/api/issues/{foreign}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(untouched.Str("status"), Is.EqualTo("backlog"), "another workspace's issue is not changed");
        Assert.That(TestEnvironment.Factory.Events.OfType("issue:updated").Any(e => e.WorkspaceId == other.WorkspaceId), Is.False);

        // A rule the single-issue update enforces skips that issue only: a cannot be its own parent.
        body = await owner.Client.PostAsync("/api/issues/batch-update", new
        {
            issue_ids = new[] { a, b },
            updates = new { parent_issue_id = a },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(1));
        Assert.That((await owner.Client.GetAsync($"/api/issues/{b}").ExpectAsync(HttpStatusCode.OK)).Id("parent_issue_id"), Is.EqualTo(a));
        Assert.That((await owner.Client.GetAsync($"/api/issues/{a}").ExpectAsync(HttpStatusCode.OK)).GetProperty("parent_issue_id").ValueKind,
            Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        // A key sent as null clears, as on PUT.
        body = await owner.Client.PostAsync("/api/issues/batch-update", new
        {
            issue_ids = new[] { b },
            updates = new { parent_issue_id = (string?)null },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(1));
        Assert.That((await owner.Client.GetAsync($"/api/issues/{b}").ExpectAsync(HttpStatusCode.OK)).GetProperty("parent_issue_id").ValueKind,
            Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task BatchUpdate_AgentAssignee_EnqueuesOneTaskPerIssue()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var a = (await CreateIssueAsync(owner.Client)).Id();
        var b = (await CreateIssueAsync(owner.Client)).Id();

        var body = await owner.Client.PostAsync("/api/issues/batch-update", new
        {
            issue_ids = new[] { a, b },
            updates = new { assignee_type = "agent", assignee_id = agent },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(2));
        foreach (var id in new[] { a, b })
        {
            var tasks = await IssueTasksAsync(id);
            Assert.That(tasks.Select(t => (t.AgentId, t.Status)), Is.EqualTo(new[] { (agent, "queued") }));
        }
    }

    [Test]
    public async Task BatchDelete_DeletesOwnIssues_SkipsForeign_PublishesPerIssue()
    {
        var owner = await OwnerAsync();
        var other = await OwnerAsync();
        var a = (await CreateIssueAsync(owner.Client)).Id();
        var b = (await CreateIssueAsync(owner.Client)).Id();
        var kept = (await CreateIssueAsync(owner.Client)).Id();
        var foreign = (await CreateIssueAsync(other.Client)).Id();

        var body = await owner.Client.PostAsync("/api/issues/batch-delete", new { issue_ids = new[] { a, b, foreign, Guid.NewGuid() } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("deleted").GetInt32(), Is.EqualTo(2));

        foreach (var id in new[] { a, b })
        {
            await owner.Client.GetAsync($"/api/issues/{id}").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
            await EventAsync("issue:deleted", e => e.WorkspaceId == owner.WorkspaceId && e.PayloadJson().Id("issue_id") == id);
        }
        await owner.Client.GetAsync($"/api/issues/{kept}").ExpectAsync(HttpStatusCode.OK);
        await other.Client.GetAsync($"/api/issues/{foreign}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(TestEnvironment.Factory.Events.OfType("issue:deleted").Any(e => e.WorkspaceId == other.WorkspaceId), Is.False);

        // Nothing left to delete is not an error: the count says so.
        body = await owner.Client.PostAsync("/api/issues/batch-delete", new { issue_ids = new[] { a } }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("deleted").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Batch_BadInput_AndNonMembers()
    {
        var owner = await OwnerAsync();
        var stranger = await OwnerAsync();
        var issue = (await CreateIssueAsync(owner.Client)).Id();

        foreach (var route in new[] { "/api/issues/batch-update", "/api/issues/batch-delete" })
        {
            await owner.Client.PostAsync(route, new { issue_ids = Array.Empty<string>() }).ExpectErrorAsync(HttpStatusCode.BadRequest, "issue_ids is required");
            await owner.Client.PostAsync(route, new { }).ExpectErrorAsync(HttpStatusCode.BadRequest, "issue_ids is required");
            await owner.Client.PostRawAsync(route, "{").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
            // Selecting a workspace one is not a member of is a 404, whatever the ids.
            var outsider = WorkspaceClient(stranger.User.Jwt, owner.WorkspaceId);
            await outsider.PostAsync(route, new { issue_ids = new[] { issue } }).ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        }
        await owner.Client.GetAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.OK);
    }
}
