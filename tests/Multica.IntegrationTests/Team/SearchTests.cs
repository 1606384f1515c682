using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;

namespace Multica.IntegrationTests.Team;

public sealed class SearchTests
{
    private static async Task<Guid> IssueAsync(WorkspaceUser owner, string title, string? description = null, string status = "todo") =>
        (await owner.Client.PostAsync("/api/issues", new { title, description, status }).ExpectAsync(HttpStatusCode.Created)).Id();

    [Test]
    public async Task SearchIssues_RanksByWhereItMatched_AndHonoursClosedAndPaging()
    {
        var owner = await OwnerAsync();
        var inDescription = await IssueAsync(owner, "Unrelated one", "the Deploy pipeline breaks");
        var titleContains = await IssueAsync(owner, "Fix the deploy script");
        var exact = await IssueAsync(owner, "Deploy");
        var prefix = await IssueAsync(owner, "deploy to staging");
        var done = await IssueAsync(owner, "deploy old", status: "done");
        var inComment = await IssueAsync(owner, "Something else");
        await CommentAsync(owner.Client, inComment, "we should " + new string('x', 60) + " deploy on friday " + new string('y', 100));
        await IssueAsync(owner, "Not matching");

        var body = await owner.Client.GetAsync("/api/issues/search?q=DEPLOY").ExpectAsync(HttpStatusCode.OK);
        var ids = body.GetProperty("issues").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.That(ids, Is.EqualTo(new[] { exact, prefix, titleContains, inDescription, inComment }));
        Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(5));
        var issues = body.GetProperty("issues").EnumerateArray().ToList();
        Assert.That(issues.Select(i => i.Str("match_source")), Is.EqualTo(new[] { "title", "title", "title", "description", "comment" }));
        Assert.That(issues[0].Str("identifier"), Does.EndWith("-3"), "a full issue object");
        Assert.That(issues[0].TryGetProperty("matched_snippet", out _), Is.False);
        var snippet = issues[4].Str("matched_snippet");
        Assert.That(snippet, Does.StartWith("...").And.EndWith("...").And.Contain("deploy on friday"));

        var withClosed = await owner.Client.GetAsync("/api/issues/search?q=deploy&include_closed=true").ExpectAsync(HttpStatusCode.OK);
        Assert.That(withClosed.GetProperty("issues").EnumerateArray().Select(i => i.Id()), Does.Contain(done));

        using var paged = await owner.Client.GetAsync("/api/issues/search?q=deploy&limit=2&offset=1");
        var page = await Task.FromResult(paged).ExpectAsync(HttpStatusCode.OK);
        Assert.That(page.GetProperty("issues").EnumerateArray().Select(i => i.Id()), Is.EqualTo(new[] { prefix, titleContains }));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public async Task SearchIssues_ByIdentifierOrNumber_AndAllWords()
    {
        var owner = await OwnerAsync();
        var first = await IssueAsync(owner, "alpha beta gamma");
        var second = await IssueAsync(owner, "gamma only", "and alpha in the description");
        var prefix = (await owner.Client.GetAsync($"/api/issues/{first}").ExpectAsync(HttpStatusCode.OK)).Str("identifier").Split('-')[0];

        var byIdentifier = await owner.Client.GetAsync($"/api/issues/search?q={prefix}-2").ExpectAsync(HttpStatusCode.OK);
        Assert.That(byIdentifier.GetProperty("issues")[0].Id(), Is.EqualTo(second));
        var byNumber = await owner.Client.GetAsync("/api/issues/search?q=1").ExpectAsync(HttpStatusCode.OK);
        Assert.That(byNumber.GetProperty("issues")[0].Id(), Is.EqualTo(first));

        var words = await owner.Client.GetAsync("/api/issues/search?q=gamma%20alpha").ExpectAsync(HttpStatusCode.OK);
        var hits = words.GetProperty("issues").EnumerateArray().ToList();
        Assert.That(hits.Select(h => h.Id()), Is.EqualTo(new[] { first, second }), "all words in the title ranks above title+description");
        Assert.That(hits.Select(h => h.Str("match_source")), Is.EqualTo(new[] { "title", "comment" }));
        var none = await owner.Client.GetAsync("/api/issues/search?q=100%25_").ExpectAsync(HttpStatusCode.OK);
        Assert.That(none.GetProperty("total").GetInt32(), Is.Zero, "LIKE wildcards are literal");
    }

    [Test]
    public async Task SearchIssues_NeedsQ_AndStaysInTheWorkspace()
    {
        var owner = await OwnerAsync();
        await IssueAsync(owner, "secret roadmap");
        await owner.Client.GetAsync("/api/issues/search").ExpectErrorAsync(HttpStatusCode.BadRequest, "q parameter is required");
        var other = await OwnerAsync();
        var theirs = await other.Client.GetAsync("/api/issues/search?q=roadmap").ExpectAsync(HttpStatusCode.OK);
        Assert.That(theirs.GetProperty("total").GetInt32(), Is.Zero);
        await WorkspaceClient(other.User.Jwt, owner.WorkspaceId).GetAsync("/api/issues/search?q=roadmap")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }
}
