using System.Net;
using System.Text.Json;

namespace Multica.IntegrationTests.Support;

public sealed record SignedInUser(Guid Id, string Email, string Jwt, ApiClient Client);

public sealed record TestWorkspace(Guid Id, string Slug, JsonElement Json);

/// <summary>Builds users, workspaces and tokens through the public HTTP API, each unique to the calling test.</summary>
public static class TestData
{
    public static ApiClient Anonymous() => new(TestEnvironment.Factory.CreateClient(), null);

    public static ApiClient ClientWith(string token) => new(TestEnvironment.Factory.CreateClient(), token);

    public static string UniqueEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    public static string UniqueSlug(string prefix = "ws") => $"{prefix}-{Guid.NewGuid():N}"[..30];

    /// <summary>send-code then verify-code with the development master code.</summary>
    public static async Task<SignedInUser> SignInAsync(string? email = null)
    {
        email ??= UniqueEmail();
        var anon = Anonymous();
        await anon.PostAsync("/auth/send-code", new { email }).ExpectAsync(HttpStatusCode.OK);
        var body = await anon.PostAsync("/auth/verify-code", new { email, code = "888888" }).ExpectAsync(HttpStatusCode.OK);
        var jwt = body.Str("token");
        var id = Guid.Parse(body.GetProperty("user").Str("id"));
        return new SignedInUser(id, email, jwt, ClientWith(jwt));
    }

    public static async Task<TestWorkspace> CreateWorkspaceAsync(ApiClient owner, string? name = null)
    {
        var slug = UniqueSlug();
        var json = await owner.PostAsync("/api/workspaces", new { name = name ?? "Test " + slug, slug }).ExpectAsync(HttpStatusCode.Created);
        return new TestWorkspace(Guid.Parse(json.Str("id")), slug, json);
    }

    public static async Task<string> CreatePatAsync(ApiClient user, string name = "test", int? expiresInDays = null)
    {
        var json = await user.PostAsync("/api/tokens", new { name, expires_in_days = expiresInDays }).ExpectAsync(HttpStatusCode.Created);
        return json.Str("token");
    }

    public static async Task<string> IssueDaemonTokenAsync(ApiClient admin, Guid workspaceId, string daemonId = "daemon-1")
    {
        var json = await admin.PostAsync($"/api/workspaces/{workspaceId}/daemon-tokens", new { daemon_id = daemonId })
            .ExpectAsync(HttpStatusCode.Created);
        return json.Str("token");
    }

    /// <summary>Adds a user to a workspace directly in the database (invitations are out of scope).</summary>
    public static async Task AddMemberAsync(Guid workspaceId, Guid userId, string role = "member")
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "INSERT INTO member (workspace_id, user_id, role) VALUES (@w, @u, @r)", connection);
        command.Parameters.AddWithValue("w", workspaceId);
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("r", role);
        await command.ExecuteNonQueryAsync();
    }
}
