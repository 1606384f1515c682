using System.Net;
using System.Text.Json;
using Multica.Application.Common.Interfaces;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Team;

/// <summary>Helpers for the team-feature tests: polling for effects that follow an event off the request path.</summary>
public static class TeamData
{
    /// <summary>Polls GET <paramref name="path"/> until <paramref name="done"/> holds (or fails after 10 s with the last body).</summary>
    public static async Task<JsonElement> EventuallyAsync(ApiClient client, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var body = await client.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
            if (done(body))
                return body;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"GET {path} never matched; last body: {body}");
            await Task.Delay(50);
        }
    }

    /// <summary>A new todo issue assigned to a member of the creator's workspace.</summary>
    public static async Task<JsonElement> CreateAssignedIssueAsync(WorkspaceUser creator, Guid assignee, string? description = null) =>
        await creator.Client.PostAsync("/api/issues", new
        {
            title = "Issue " + Guid.NewGuid().ToString("N")[..6], status = "todo", assignee_type = "member", assignee_id = assignee, description,
        }).ExpectAsync(HttpStatusCode.Created);

    /// <summary>Waits until the recorder saw an event of the type that matches.</summary>
    public static async Task<RealtimeEvent> EventAsync(string type, Func<RealtimeEvent, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = TestEnvironment.Factory.Events.OfType(type).FirstOrDefault(match);
            if (found is not null)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no {type} event matched");
            await Task.Delay(50);
        }
    }

    public static JsonElement PayloadJson(this RealtimeEvent e) => JsonSerializer.SerializeToElement(e.Payload,
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    public static IEnumerable<JsonElement> Items(this JsonElement array) => array.EnumerateArray();
}
