using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tokens;

public sealed class PersonalAccessTokenTests
{
    [Test]
    [Property("Id", "CP20")]
    public async Task Pat_CreateUseListRevoke()
    {
        var user = await TestData.SignInAsync();
        var created = await user.Client.PostAsync("/api/tokens", new { name = "CLI (host)", expires_in_days = 90 })
            .ExpectAsync(HttpStatusCode.Created);
        var token = created.Str("token");
        Assert.That(token, Does.Match("^mul_[0-9a-f]{40}$"));
        Assert.That(created.Str("token_prefix"), Is.EqualTo(token[..12]));
        Assert.That(created.GetProperty("expires_at").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));

        var pat = TestData.ClientWith(token);
        var me = await pat.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.That(me.Str("id"), Is.EqualTo(user.Id.ToString()));

        var list = await user.Client.GetAsync("/api/tokens").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));
        Assert.That(list[0].TryGetProperty("token", out _), Is.False, "the full token is shown only once");
        Assert.That(list[0].Str("token_prefix"), Is.EqualTo(token[..12]), "listed by its prefix");

        await user.Client.DeleteAsync($"/api/tokens/{created.Str("id")}").ExpectAsync(HttpStatusCode.NoContent);
        await pat.GetAsync("/api/me").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
        var after = await user.Client.GetAsync("/api/tokens").ExpectAsync(HttpStatusCode.OK);
        Assert.That(after.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Pat_LastUsedAt_IsRecorded()
    {
        var user = await TestData.SignInAsync();
        var token = await TestData.CreatePatAsync(user.Client);
        await TestData.ClientWith(token).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        // The write is fire-and-forget; give it a moment.
        for (var i = 0; i < 50; i++)
        {
            var list = await user.Client.GetAsync("/api/tokens").ExpectAsync(HttpStatusCode.OK);
            if (list[0].GetProperty("last_used_at").ValueKind == System.Text.Json.JsonValueKind.String)
                return;
            await Task.Delay(100);
        }
        Assert.Fail("last_used_at was never set");
    }

    [Test]
    public async Task Pat_CreateWithEmptyName_Returns400()
    {
        var user = await TestData.SignInAsync();
        await user.Client.PostAsync("/api/tokens", new { name = "" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "name is required");
    }

    [Test]
    public async Task Pat_RevokeOfForeignOrUnknownId_Is404AndHarmless()
    {
        var owner = await TestData.SignInAsync();
        var other = await TestData.SignInAsync();
        var token = await TestData.CreatePatAsync(owner.Client);
        var list = await owner.Client.GetAsync("/api/tokens").ExpectAsync(HttpStatusCode.OK);

        await other.Client.DeleteAsync($"/api/tokens/{list[0].Str("id")}").ExpectErrorAsync(HttpStatusCode.NotFound, "token not found");
        await other.Client.DeleteAsync("/api/tokens/not-a-uuid").ExpectErrorAsync(HttpStatusCode.NotFound, "token not found");
        await other.Client.DeleteAsync($"/api/tokens/{Guid.NewGuid()}").ExpectErrorAsync(HttpStatusCode.NotFound, "token not found");
        await TestData.ClientWith(token).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task DaemonToken_IsRefusedOnUserRoutes()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var mdt = await TestData.IssueDaemonTokenAsync(owner.Client, ws.Id);
        await TestData.ClientWith(mdt).GetAsync("/api/workspaces").ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }
}
