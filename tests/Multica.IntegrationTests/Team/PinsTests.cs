using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class PinsTests
{
    [Test]
    public async Task Pins_CreateListReorderDelete_PerMember()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var project = (await owner.Client.PostAsync("/api/projects", new { title = "P" }).ExpectAsync(HttpStatusCode.Created)).Id();

        var first = await owner.Client.PostAsync("/api/pins", new { item_type = "issue", item_id = issue }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(first.Str("item_type"), Is.EqualTo("issue"));
        Assert.That(first.Id("user_id"), Is.EqualTo(owner.Id));
        await EventAsync("pin:created", e => e.WorkspaceId == owner.WorkspaceId);
        var second = await owner.Client.PostAsync("/api/pins", new { item_type = "project", item_id = project }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(second.GetProperty("position").GetDouble(), Is.GreaterThan(first.GetProperty("position").GetDouble()));
        await owner.Client.PostAsync("/api/pins", new { item_type = "issue", item_id = issue }).ExpectErrorAsync(HttpStatusCode.Conflict, "item already pinned");

        var list = await owner.Client.GetAsync("/api/pins").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.Items().Select(p => p.Id()), Is.EqualTo(new[] { first.Id(), second.Id() }));
        Assert.That((await member.Client.GetAsync("/api/pins").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero, "pins are personal");

        await owner.Client.PutAsync("/api/pins/reorder", new { items = new[] { new { id = first.Id(), position = 5.0 }, new { id = second.Id(), position = 1.0 } } })
            .ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("pin:reordered", e => e.WorkspaceId == owner.WorkspaceId);
        list = await owner.Client.GetAsync("/api/pins").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.Items().Select(p => p.Id()), Is.EqualTo(new[] { second.Id(), first.Id() }));
        // Someone else's pin ids are ignored.
        await member.Client.PutAsync("/api/pins/reorder", new { items = new[] { new { id = second.Id(), position = 99.0 } } }).ExpectAsync(HttpStatusCode.NoContent);
        Assert.That((await owner.Client.GetAsync("/api/pins").ExpectAsync(HttpStatusCode.OK))[0].GetProperty("position").GetDouble(), Is.EqualTo(1.0));

        await owner.Client.DeleteAsync($"/api/pins/issue/{issue}").ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("pin:deleted", e => e.WorkspaceId == owner.WorkspaceId);
        Assert.That((await owner.Client.GetAsync("/api/pins").ExpectAsync(HttpStatusCode.OK)).Items().Single().Id(), Is.EqualTo(second.Id()));
    }

    [Test]
    public async Task Pins_BadInput_AndOtherWorkspacesItems()
    {
        var owner = await OwnerAsync();
        var other = await OwnerAsync();
        var foreignIssue = (await CreateIssueAsync(other.Client)).Id();
        await owner.Client.PostAsync("/api/pins", new { item_type = "label", item_id = foreignIssue })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "item_type must be 'issue' or 'project'");
        await owner.Client.PostAsync("/api/pins", new { item_type = "issue" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "item_id is required");
        await owner.Client.PostAsync("/api/pins", new { item_type = "issue", item_id = foreignIssue }).ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await owner.Client.PostAsync("/api/pins", new { item_type = "project", item_id = Guid.NewGuid() }).ExpectErrorAsync(HttpStatusCode.NotFound, "project not found");
        await owner.Client.PutAsync("/api/pins/reorder", new { items = new[] { new { id = "x", position = 1.0 } } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid pin id");
        await WorkspaceClient(owner.User.Jwt, other.WorkspaceId).GetAsync("/api/pins").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }
}
