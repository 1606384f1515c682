using System.Net;
using Multica.Application.Auth;
using Multica.Application.Users;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Auth;

public sealed class SignInTests
{
    [Test]
    [Property("Id", "CP01")]
    public async Task SignIn_WithMasterCode_ReturnsJwtUserAndCookies()
    {
        var email = TestData.UniqueEmail();
        var anon = TestData.Anonymous();
        var sent = await anon.PostAsync("/auth/send-code", new { email = "  " + email.ToUpperInvariant() + " " }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(sent.Str("message"), Is.EqualTo("Verification code sent"));

        using var response = await anon.PostAsync("/auth/verify-code", new { email, code = "888888" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.That(cookies, Has.Some.StartsWith("multica_auth=").And.Some.Contains("httponly"));
        Assert.That(cookies, Has.Some.StartsWith("multica_csrf="));

        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("user").Str("email"), Is.EqualTo(email));
        var token = body.RootElement.Str("token");
        Assert.That(token, Is.Not.Empty);
        var me = await TestData.ClientWith(token).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.That(me.Str("email"), Is.EqualTo(email));
        Assert.That(me.Str("name"), Is.EqualTo(email.Split('@')[0]));
        Assert.That(me.GetProperty("onboarding_questionnaire").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
    }

    [Test]
    public async Task VerifyCode_WithoutRequestedCode_Returns400()
    {
        await TestData.Anonymous().PostAsync("/auth/verify-code", new { email = TestData.UniqueEmail(), code = "888888" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid or expired code");
    }

    [Test]
    public async Task VerifyCode_WithMissingFields_Returns400()
    {
        await TestData.Anonymous().PostAsync("/auth/verify-code", new { email = "a@b.c" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "email and code are required");
    }

    [Test]
    [Property("Id", "CP07")]
    public async Task SendCode_TwiceWithinAMinute_Returns429()
    {
        var email = TestData.UniqueEmail();
        var anon = TestData.Anonymous();
        await anon.PostAsync("/auth/send-code", new { email }).ExpectAsync(HttpStatusCode.OK);
        await anon.PostAsync("/auth/send-code", new { email })
            .ExpectErrorAsync(HttpStatusCode.TooManyRequests, "please wait before requesting another code");
    }

    [Test]
    public async Task SendCode_AtTheWarmupAccountsDomain_IsRefused()
    {
        // A later warm-up would remove such an account with its workspaces (docs/operations.md, "Warm-up at start").
        await TestData.Anonymous().PostAsync("/auth/send-code", new { email = "someone" + WarmupAccounts.EmailDomain.ToUpperInvariant() })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, SignupPolicy.RefusedMessage);
    }

    [Test]
    public async Task SendCode_WithBlankEmail_Returns400()
    {
        await TestData.Anonymous().PostAsync("/auth/send-code", new { email = "   " })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "email is required");
    }

    [Test]
    public async Task CookieAuth_RequiresCsrfOnUnsafeMethods()
    {
        var user = await TestData.SignInAsync();
        var http = TestEnvironment.Factory.CreateClient();
        http.DefaultRequestHeaders.Add("Cookie", $"multica_auth={user.Jwt}");

        using (var me = await http.GetAsync("/api/me"))
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), "GET works from the cookie alone");

        await new ApiClient(http, null).PatchAsync("/api/me", new { name = "x" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "CSRF validation failed");

        var csrf = TestEnvironment.Factory.Services.GetService(typeof(Multica.Application.Common.Security.IJwtService))
            as Multica.Application.Common.Security.IJwtService;
        http.DefaultRequestHeaders.Add("X-CSRF-Token", csrf!.IssueCsrfToken(user.Jwt));
        var updated = await new ApiClient(http, null).PatchAsync("/api/me", new { name = " Renamed " }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.Str("name"), Is.EqualTo("Renamed"));
    }

    [Test]
    public async Task CliToken_ReturnsAWorkingJwt()
    {
        var user = await TestData.SignInAsync();
        var json = await user.Client.PostAsync("/api/cli-token").ExpectAsync(HttpStatusCode.OK);
        var me = await TestData.ClientWith(json.Str("token")).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.That(me.Str("id"), Is.EqualTo(user.Id.ToString()));
    }

    [Test]
    public async Task Logout_ClearsCookies()
    {
        using var response = await TestData.Anonymous().PostAsync("/auth/logout");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Set-Cookie"), Has.Some.StartsWith("multica_auth=;"));
    }

    [Test]
    public async Task UpdateMe_WithBlankName_Returns400()
    {
        var user = await TestData.SignInAsync();
        await user.Client.PatchAsync("/api/me", new { name = "  " }).ExpectErrorAsync(HttpStatusCode.BadRequest, "name is required");
    }

    [Test]
    public async Task Config_IsPublic()
    {
        var json = await TestData.Anonymous().GetAsync("/api/config").ExpectAsync(HttpStatusCode.OK);
        Assert.That(json.GetProperty("allow_signup").GetBoolean(), Is.True);
        Assert.That(json.TryGetProperty("google_client_id", out _), Is.False);
    }
}
