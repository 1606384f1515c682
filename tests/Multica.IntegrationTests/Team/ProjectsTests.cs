using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class ProjectsTests
{
    [Test]
    public async Task Projects_CrudWithIssueCounts_AndEvents()
    {
        var owner = await OwnerAsync();
        var created = await owner.Client.PostAsync("/api/projects", new { title = "Launch", description = "ship it", icon = "🚀", lead_type = "member", lead_id = owner.Id })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(created.Str("status"), Is.EqualTo("planned"));
        Assert.That(created.Str("priority"), Is.EqualTo("none"));
        Assert.That(created.Id("lead_id"), Is.EqualTo(owner.Id));
        Assert.That(created.GetProperty("issue_count").GetInt64(), Is.Zero);
        await EventAsync("project:created", e => e.WorkspaceId == owner.WorkspaceId);

        var project = created.Id();
        await owner.Client.PostAsync("/api/issues", new { title = "one", project_id = project }).ExpectAsync(HttpStatusCode.Created);
        await owner.Client.PostAsync("/api/issues", new { title = "two", project_id = project, status = "done" }).ExpectAsync(HttpStatusCode.Created);
        var got = await owner.Client.GetAsync($"/api/projects/{project}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(got.GetProperty("issue_count").GetInt64(), Is.EqualTo(2));
        Assert.That(got.GetProperty("done_count").GetInt64(), Is.EqualTo(1));
        var issues = await owner.Client.GetAsync($"/api/issues?project_id={project}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(issues.GetProperty("total").GetInt32(), Is.EqualTo(2));

        var updated = await owner.Client.PutAsync($"/api/projects/{project}", new { status = "in_progress", description = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.Str("status"), Is.EqualTo("in_progress"));
        Assert.That(updated.GetProperty("description").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(updated.Str("icon"), Is.EqualTo("🚀"), "absent keys stay");
        Assert.That(updated.Str("title"), Is.EqualTo("Launch"));
        await EventAsync("project:updated", e => e.WorkspaceId == owner.WorkspaceId);

        await owner.Client.PostAsync("/api/projects", new { title = "Second", priority = "high" }).ExpectAsync(HttpStatusCode.Created);
        var list = await owner.Client.GetAsync("/api/projects").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(list.GetProperty("projects")[0].Str("title"), Is.EqualTo("Second"), "newest first");
        var high = await owner.Client.GetAsync("/api/projects?priority=high").ExpectAsync(HttpStatusCode.OK);
        Assert.That(high.GetProperty("total").GetInt32(), Is.EqualTo(1));

        await owner.Client.DeleteAsync($"/api/projects/{project}").ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("project:deleted", e => e.WorkspaceId == owner.WorkspaceId && e.PayloadJson().Id("project_id") == project);
        await owner.Client.GetAsync($"/api/projects/{project}").ExpectErrorAsync(HttpStatusCode.NotFound, "project not found");
        var orphaned = await owner.Client.GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);
        Assert.That(orphaned.GetProperty("total").GetInt32(), Is.EqualTo(2), "issues outlive their project");
    }

    [TestCase("{}", "title is required")]
    [TestCase("{\"title\":\"x\",\"status\":\"someday\"}", "invalid status; expected one of: planned, in_progress, paused, completed, cancelled")]
    [TestCase("{\"title\":\"x\",\"priority\":\"asap\"}", "invalid priority; expected one of: urgent, high, medium, low, none")]
    [TestCase("{\"title\":\"x\",\"lead_type\":\"robot\"}", "invalid lead_type; expected member or agent")]
    [TestCase("{\"title\":\"x\",\"lead_id\":\"nope\"}", "invalid lead_id")]
    public async Task CreateProject_BadInput_Is400(string body, string error)
    {
        var owner = await OwnerAsync();
        await owner.Client.PostRawAsync("/api/projects", body).ExpectErrorAsync(HttpStatusCode.BadRequest, error);
    }

    [Test]
    public async Task Projects_AreWorkspaceIsolated_AndSearchable()
    {
        var owner = await OwnerAsync();
        var project = (await owner.Client.PostAsync("/api/projects", new { title = "Mobile app", description = "iOS and Android" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await owner.Client.PostAsync("/api/projects", new { title = "Website", description = "the mobile site" }).ExpectAsync(HttpStatusCode.Created);
        await owner.Client.PostAsync("/api/projects", new { title = "Old mobile", status = "completed" }).ExpectAsync(HttpStatusCode.Created);

        var found = await owner.Client.GetAsync("/api/projects/search?q=mobile").ExpectAsync(HttpStatusCode.OK);
        var hits = found.GetProperty("projects").EnumerateArray().ToList();
        Assert.That(hits.Select(h => h.Str("title")), Is.EqualTo(new[] { "Mobile app", "Website" }));
        Assert.That(hits.Select(h => h.Str("match_source")), Is.EqualTo(new[] { "title", "description" }));
        Assert.That(found.GetProperty("total").GetInt32(), Is.EqualTo(2));
        var all = await owner.Client.GetAsync("/api/projects/search?q=mobile&include_closed=true").ExpectAsync(HttpStatusCode.OK);
        Assert.That(all.GetProperty("total").GetInt32(), Is.EqualTo(3));
        await owner.Client.GetAsync("/api/projects/search").ExpectErrorAsync(HttpStatusCode.BadRequest, "q parameter is required");

        var other = await OwnerAsync();
        await other.Client.GetAsync($"/api/projects/{project}").ExpectErrorAsync(HttpStatusCode.NotFound, "project not found");
        await other.Client.PutAsync($"/api/projects/{project}", new { title = "mine" }).ExpectErrorAsync(HttpStatusCode.NotFound, "project not found");
        await other.Client.DeleteAsync($"/api/projects/{project}").ExpectErrorAsync(HttpStatusCode.NotFound, "project not found");
        Assert.That((await other.Client.GetAsync("/api/projects/search?q=mobile").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32(), Is.Zero);
        await WorkspaceClient(other.User.Jwt, owner.WorkspaceId).GetAsync("/api/projects").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }
}
