using System.Net;
using System.Text;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Api;

/// <summary>
/// The limits of docs/configuration.md at their defaults: request body size, messages per batch, repositories per
/// workspace (count and bytes), and the paged transcript read with upstream's clients in mind (no parameters: the
/// whole transcript of an ordinary task, as one bare array).
/// </summary>
public sealed class RequestLimitTests
{
    /// <summary>Kestrel enforces the body limit (the in-memory test host does not), so this asks a Kestrel node.</summary>
    [Test]
    public async Task OversizedBody_Is413_WithAJsonError()
    {
        var owner = await TestData.SignInAsync();
        await using var node = Cluster.ClusterNode.Start(new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1048576" });
        var client = node.Client(owner.Jwt);
        var huge = new StringBuilder("{\"name\":\"").Append('x', 2 * 1024 * 1024).Append("\"}");
        await client.PostRawAsync("/api/tokens", huge.ToString())
            .ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "request body too large");
        await client.PostAsync("/api/tokens", new { name = "small" }).ExpectAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task MessageBatch_AboveTheLimit_Is400_AndStoresNothing_AtTheLimitIsStored()
    {
        var (w, task) = await RunningTaskAsync();
        var tooMany = Enumerable.Range(1, 1_001).Select(i => new { seq = i, type = "text", content = "m" }).ToArray();
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages", new { messages = tooMany })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "too many messages (at most 1000 per batch)");
        Assert.That(await MessageCountAsync(task), Is.Zero);

        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages", new { messages = tooMany[..1_000] }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await MessageCountAsync(task), Is.EqualTo(1_000));
    }

    [Test]
    public async Task Repos_AboveTheCountOrByteLimit_Are400_AndTheStoredListStays()
    {
        var owner = await WorkspaceData.OwnerAsync();
        var path = $"/api/workspaces/{owner.WorkspaceId}";
        var hundred = Enumerable.Range(1, 100).Select(i => new { url = $"https://git.example/r{i}.git", description = "" }).ToArray();
        await owner.Client.PatchAsync(path, new { repos = hundred }).ExpectAsync(HttpStatusCode.OK);

        var tooMany = Enumerable.Range(1, 101).Select(i => new { url = $"https://git.example/r{i}.git", description = "" }).ToArray();
        await owner.Client.PatchAsync(path, new { repos = tooMany }).ExpectErrorAsync(HttpStatusCode.BadRequest, "too many repos (at most 100)");
        var tooLong = Enumerable.Range(1, 3).Select(i => new { url = $"https://git.example/r{i}.git", description = new string('d', 30_000) }).ToArray();
        await owner.Client.PatchAsync(path, new { repos = tooLong }).ExpectErrorAsync(HttpStatusCode.BadRequest, "repos is too long");

        var stored = await owner.Client.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.That(stored.GetProperty("repos").GetArrayLength(), Is.EqualTo(100));
    }

    [TestCase("/api/daemon/tasks/{0}/messages")]
    [TestCase("/api/tasks/{0}/messages")]
    public async Task TaskMessages_ArePaged_WithLimitAndSince_AndNextSinceHeader(string route)
    {
        var (w, task) = await RunningTaskAsync();
        var messages = Enumerable.Range(1, 12).Select(i => new { seq = i, type = "text", content = "m" + i }).ToArray();
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages", new { messages }).ExpectAsync(HttpStatusCode.OK);
        var client = route.StartsWith("/api/daemon", StringComparison.Ordinal) ? w.Daemon : WorkspaceData.WorkspaceClient(w.Owner.Jwt, w.Workspace.Id);
        var path = string.Format(route, task);

        // Upstream's clients send neither parameter: an ordinary transcript comes whole, with no header.
        var (all, allNext) = await PageAsync(client, path);
        Assert.That(all, Is.EqualTo(Enumerable.Range(1, 12)));
        Assert.That(allNext, Is.Null);

        var seen = new List<int>();
        string? since = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var (page, next) = await PageAsync(client, path + "?limit=5" + (since is null ? "" : "&since=" + since));
            seen.AddRange(page);
            if (next is null)
                break;
            Assert.That(page, Has.Count.EqualTo(5));
            Assert.That(next, Is.EqualTo(page[^1].ToString()));
            since = next;
        }
        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 12)), "the pages join up without a gap or a repeat");

        await client.GetAsync(path + "?limit=abc").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid limit parameter");
        await client.GetAsync(path + "?limit=0").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid limit parameter");
        await client.GetAsync(path + "?limit=-3").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid limit parameter");
        await client.GetAsync(path + "?since=x&limit=2").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid since parameter");
        var (capped, _) = await PageAsync(client, path + "?limit=99999999999");
        Assert.That(capped, Has.Count.EqualTo(12), "a limit above the cap is lowered to it, not refused");
    }

    [Test]
    public async Task TaskMessages_APageEndsWithTheMessageThatReachesItsByteBudget_AndThePagesJoinUp()
    {
        var (w, task) = await RunningTaskAsync();
        // Content of 40 bytes each; the fifth also carries an input (69 bytes as JSON text) and an output of 50.
        var messages = Enumerable.Range(1, 9).Select(i => i == 5
            ? (object)new { seq = i, type = "tool_use", content = new string('c', 40), input = new { k = new string('i', 60) }, output = new string('o', 50) }
            : new { seq = i, type = "text", content = new string('c', 40) }).ToArray();
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages", new { messages }).ExpectAsync(HttpStatusCode.OK);
        await using var node = Cluster.ClusterNode.Start(new Dictionary<string, string?> { ["Limits:TaskMessagesPageBytes"] = "100" });
        var client = node.Client(w.Owner.Jwt, w.Workspace.Id);
        var path = $"/api/tasks/{task}/messages";

        var pages = new List<List<int>>();
        var nexts = new List<string?>();
        string? since = null;
        for (var i = 0; i < 10; i++)
        {
            var (page, next) = await PageAsync(client, path + (since is null ? "" : "?since=" + since));
            pages.Add(page);
            nexts.Add(next);
            if (next is null)
                break;
            since = next;
        }

        // 40 + 40 + 40 reaches 100 at the third; the fifth (159 bytes) is over the budget alone and still ends its page.
        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(new[] { new[] { 1, 2, 3 }, new[] { 4, 5 }, new[] { 6, 7, 8 }, new[] { 9 } }));
            Assert.That(nexts, Is.EqualTo(new[] { "3", "5", "8", null }));
        });
    }

    private static async Task<(List<int> Seqs, string? Next)> PageAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var seqs = json.RootElement.EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()).ToList();
        return (seqs, response.Headers.TryGetValues("X-Next-Since", out var values) ? values.Single() : null);
    }

    private static async Task<(DaemonProtocol.DaemonWorld World, Guid Task)> RunningTaskAsync()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        return (w, await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "running"));
    }

    private static Task<long> MessageCountAsync(Guid task) =>
        ScalarAsync<long>("SELECT count(*) FROM task_message WHERE task_id = @t", ("t", task));
}
