using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tokens;

public sealed class DaemonTokenTests
{
    [Test]
    public async Task DaemonToken_IssueUseListRevoke()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var issued = await owner.Client.PostAsync($"/api/workspaces/{ws.Id}/daemon-tokens", new { daemon_id = "host-a", expires_in_days = 30 })
            .ExpectAsync(HttpStatusCode.Created);
        var token = issued.Str("token");
        Assert.That(token, Does.Match("^mdt_[0-9a-f]{40}$"));

        var daemon = TestData.ClientWith(token);
        var repos = await daemon.GetAsync($"/api/daemon/workspaces/{ws.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        Assert.That(repos.Str("workspace_id"), Is.EqualTo(ws.Id.ToString()));
        Assert.That(repos.Str("repos_version"), Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

        var list = await owner.Client.GetAsync($"/api/workspaces/{ws.Id}/daemon-tokens").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));
        Assert.That(list[0].Str("daemon_id"), Is.EqualTo("host-a"));
        Assert.That(list[0].TryGetProperty("token", out _), Is.False);

        await owner.Client.DeleteAsync($"/api/workspaces/{ws.Id}/daemon-tokens/{issued.Str("id")}").ExpectAsync(HttpStatusCode.NoContent);
        await daemon.GetAsync($"/api/daemon/workspaces/{ws.Id}/repos").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid daemon token");
    }

    [Test]
    public async Task DaemonToken_ReissueForSameDaemon_ReplacesTheOldOne()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var first = await TestData.IssueDaemonTokenAsync(owner.Client, ws.Id, "host-b");
        var second = await TestData.IssueDaemonTokenAsync(owner.Client, ws.Id, "host-b");
        await TestData.ClientWith(first).GetAsync($"/api/daemon/workspaces/{ws.Id}/repos")
            .ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid daemon token");
        await TestData.ClientWith(second).GetAsync($"/api/daemon/workspaces/{ws.Id}/repos").ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task DaemonToken_ForAnotherWorkspace_Returns404()
    {
        var owner = await TestData.SignInAsync();
        var mine = await TestData.CreateWorkspaceAsync(owner.Client);
        var other = await TestData.CreateWorkspaceAsync(owner.Client);
        var token = await TestData.IssueDaemonTokenAsync(owner.Client, mine.Id);
        await TestData.ClientWith(token).GetAsync($"/api/daemon/workspaces/{other.Id}/repos")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    public async Task DaemonToken_IssueByPlainMember_Returns403_ByOutsider_Returns404()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var member = await TestData.SignInAsync();
        await TestData.AddMemberAsync(ws.Id, member.Id);
        var outsider = await TestData.SignInAsync();

        await member.Client.PostAsync($"/api/workspaces/{ws.Id}/daemon-tokens", new { daemon_id = "x" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await outsider.Client.PostAsync($"/api/workspaces/{ws.Id}/daemon-tokens", new { daemon_id = "x" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await owner.Client.PostAsync($"/api/workspaces/{ws.Id}/daemon-tokens", new { daemon_id = " " })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "daemon_id is required");
    }

    [Test]
    public async Task DaemonRoutes_AuthErrors_AreExact()
    {
        var anon = TestData.Anonymous();
        var path = $"/api/daemon/workspaces/{Guid.NewGuid()}/repos";
        await anon.GetAsync(path).ExpectErrorAsync(HttpStatusCode.Unauthorized, "missing authorization header");

        var basic = TestEnvironment.Factory.CreateClient();
        basic.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic abc");
        await new ApiClient(basic, null).GetAsync(path).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid authorization format");

        await TestData.ClientWith("mdt_0000").GetAsync(path).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid daemon token");
        await TestData.ClientWith("mul_0000").GetAsync(path).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
        await TestData.ClientWith("garbage").GetAsync(path).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }

    [Test]
    public async Task DaemonRoutes_PatOfNonMember_Returns404NotFound()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var stranger = await TestData.SignInAsync();
        var pat = await TestData.CreatePatAsync(stranger.Client);
        await TestData.ClientWith(pat).GetAsync($"/api/daemon/workspaces/{ws.Id}/repos").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await TestData.ClientWith(pat).GetAsync("/api/daemon/workspaces/not-a-uuid/repos").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    public async Task UnknownDaemonRoute_Returns404PageNotFound_NeverA405()
    {
        var user = await TestData.SignInAsync();
        using var unknown = await user.Client.PostAsync("/api/daemon/no-such-route");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await unknown.Content.ReadAsStringAsync()).Trim(), Is.EqualTo("404 page not found"));

        // A known path with the wrong method.
        using var wrongMethod = await user.Client.PostAsync($"/api/daemon/workspaces/{Guid.NewGuid()}/repos");
        Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
