using System.Net;
using System.Text;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Workspaces;

public sealed class WorkspaceAndInputTests
{
    [Test]
    [Property("Id", "CP02")]
    public async Task Workspace_OfAnotherUser_Returns404()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var stranger = await TestData.SignInAsync();
        await stranger.Client.GetAsync($"/api/workspaces/{ws.Id}").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await stranger.Client.GetAsync("/api/workspaces/not-a-uuid").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        var list = await stranger.Client.GetAsync("/api/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.Zero);
    }

    [Test]
    [Property("Id", "CP17")]
    public async Task CreateWorkspace_DerivesPrefix_AndRejectsDuplicatesAndBadSlugs()
    {
        var owner = await TestData.SignInAsync();
        var slug = TestData.UniqueSlug();
        var ws = await owner.Client.PostAsync("/api/workspaces", new { name = "acme corp", slug = " " + slug.ToUpperInvariant() + " " })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(ws.Str("slug"), Is.EqualTo(slug));
        Assert.That(ws.Str("issue_prefix"), Is.EqualTo("ACM"));
        Assert.That(ws.GetProperty("repos").GetArrayLength(), Is.Zero);

        await owner.Client.PostAsync("/api/workspaces", new { name = "again", slug })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "workspace slug already exists");
        await owner.Client.PostAsync("/api/workspaces", new { name = "x", slug = "bad--slug" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "slug must contain only lowercase letters, numbers, and hyphens");
        await owner.Client.PostAsync("/api/workspaces", new { name = "x", slug = "admin" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "slug is reserved");
        await owner.Client.PostAsync("/api/workspaces", new { name = "", slug = "" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "name and slug are required");
    }

    [TestCase("{\"name\": \"x\", \"slug\": ")]
    [TestCase("")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"name\": 5, \"slug\": \"abc\"}")]
    [TestCase("\"just a string\"")]
    public async Task MalformedBodies_Return400InvalidRequestBody(string body)
    {
        var owner = await TestData.SignInAsync();
        await owner.Client.PostRawAsync("/api/workspaces", body).ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Test]
    public async Task NullBody_DecodesToDefaults_ThenValidates()
    {
        var owner = await TestData.SignInAsync();
        await owner.Client.PostRawAsync("/api/workspaces", "null").ExpectErrorAsync(HttpStatusCode.BadRequest, "name and slug are required");
    }

    [Test]
    public async Task TrailingBytes_AndOtherContentTypes_AreTolerated()
    {
        var owner = await TestData.SignInAsync();
        var slug = TestData.UniqueSlug();
        var json = await owner.Client.PostRawAsync("/api/workspaces", $"{{\"NAME\":\"T\",\"slug\":\"{slug}\",\"unknown\":1}} trailing", "text/plain")
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(json.Str("name"), Is.EqualTo("T"));
    }

    [Test]
    public async Task OversizedBody_Returns413_NotA500()
    {
        var owner = await TestData.SignInAsync();
        var huge = new StringBuilder("{\"name\":\"");
        huge.Append('x', 11 * 1024 * 1024).Append("\"}");
        using var response = await owner.Client.PostRawAsync("/api/tokens", huge.ToString());
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [Test]
    [Property("Id", "CP24")]
    public async Task Health_Liveness_And_Readiness()
    {
        var anon = TestData.Anonymous();
        var live = await anon.GetAsync("/health").ExpectAsync(HttpStatusCode.OK);
        Assert.That(live.Str("status"), Is.EqualTo("ok"));
        var ready = await anon.GetAsync("/readyz").ExpectAsync(HttpStatusCode.OK);
        Assert.That(ready.GetProperty("checks").Str("postgres"), Is.EqualTo("ok"));
        if (TestEnvironment.RedisUrl is not null)
            Assert.That(ready.GetProperty("checks").Str("redis"), Is.EqualTo("ok"));
        await anon.GetAsync("/healthz").ExpectAsync(HttpStatusCode.OK);
    }
}
