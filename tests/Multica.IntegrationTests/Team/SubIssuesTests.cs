using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;

namespace Multica.IntegrationTests.Team;

public sealed class SubIssuesTests
{
    [Test]
    public async Task Children_AndChildProgress()
    {
        var owner = await OwnerAsync();
        var parent = (await CreateIssueAsync(owner.Client)).Id();
        var lone = (await CreateIssueAsync(owner.Client)).Id();
        var a = (await owner.Client.PostAsync("/api/issues", new { title = "a", parent_issue_id = parent }).ExpectAsync(HttpStatusCode.Created)).Id();
        var b = (await owner.Client.PostAsync("/api/issues", new { title = "b", parent_issue_id = parent, status = "done" }).ExpectAsync(HttpStatusCode.Created)).Id();
        await owner.Client.PostAsync("/api/issues", new { title = "c", parent_issue_id = parent, status = "cancelled" }).ExpectAsync(HttpStatusCode.Created);

        var children = await owner.Client.GetAsync($"/api/issues/{parent}/children").ExpectAsync(HttpStatusCode.OK);
        var ids = children.GetProperty("issues").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.That(ids, Has.Count.EqualTo(3).And.Contains(a).And.Contains(b));
        Assert.That(children.GetProperty("issues")[0].Str("identifier"), Does.Contain("-"));
        Assert.That((await owner.Client.GetAsync($"/api/issues/{lone}/children").ExpectAsync(HttpStatusCode.OK)).GetProperty("issues").GetArrayLength(),
            Is.Zero);

        var progress = await owner.Client.GetAsync("/api/issues/child-progress").ExpectAsync(HttpStatusCode.OK);
        var entry = progress.GetProperty("progress").EnumerateArray().Single();
        Assert.That(entry.Id("parent_issue_id"), Is.EqualTo(parent));
        Assert.That(entry.GetProperty("total").GetInt64(), Is.EqualTo(3));
        Assert.That(entry.GetProperty("done").GetInt64(), Is.EqualTo(2));

        var other = await OwnerAsync();
        await other.Client.GetAsync($"/api/issues/{parent}/children").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        Assert.That((await other.Client.GetAsync("/api/issues/child-progress").ExpectAsync(HttpStatusCode.OK)).GetProperty("progress").GetArrayLength(),
            Is.Zero);
    }
}
