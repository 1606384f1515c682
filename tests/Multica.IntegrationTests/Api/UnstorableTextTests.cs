using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Api;

/// <summary>
/// Text PostgreSQL cannot store (NUL, lone surrogates): daemon data is cleaned and kept, what a person typed is
/// refused with 400, and a path or query string carrying it is refused before routing — never a 500.
/// </summary>
public sealed class UnstorableTextTests
{
    [Test]
    public async Task Complete_WithNulInOutput_CompletesTheTask_WithTheNulDropped()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
        var body = await w.Daemon.PostRawAsync($"/api/daemon/tasks/{task}/complete", "{\"output\":\"binary \\u0000 out\\ud800put\"}")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("completed"));
        var output = await ScalarAsync<string>("SELECT result->>'output' FROM agent_task_queue WHERE id = @t", ("t", task));
        Assert.That(output, Is.EqualTo("binary  out\ufffdput"));
    }

    [Test]
    public async Task MessageBatch_WithOneBadItem_StoresEveryItem()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
        var path = $"/api/daemon/tasks/{task}/messages";
        await w.Daemon.PostRawAsync(path, """
            {"messages":[
              {"seq":1,"type":"text","content":"good"},
              {"seq":2,"type":"tool_use","tool":"bash","input":{"cmd\u0000":"cat \u0000bin","x":"\udc00"}},
              {"seq":3,"type":"text","content":"also good"}]}
            """).ExpectAsync(HttpStatusCode.OK);
        var list = await w.Daemon.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(list[1].GetProperty("input").Str("cmd"), Is.EqualTo("cat bin"));
        Assert.That(list[1].GetProperty("input").Str("x"), Is.EqualTo("\ufffd"));
    }

    [TestCase("{\"name\":\"bad\\u0000name\",\"slug\":\"SLUG\"}")]
    [TestCase("{\"name\":\"lone \\ud83d surrogate\",\"slug\":\"SLUG\"}")]
    [TestCase("{\"name\":\"trailing \\udc00\",\"slug\":\"SLUG\"}")]
    public async Task TypedText_WithUnstorableCharacter_Is400(string template)
    {
        var owner = await TestData.SignInAsync();
        await owner.Client.PostRawAsync("/api/workspaces", template.Replace("SLUG", TestData.UniqueSlug()))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Test]
    public async Task TypedText_WithAValidSurrogatePair_IsKept()
    {
        var owner = await TestData.SignInAsync();
        var ws = await owner.Client.PostRawAsync("/api/workspaces", $"{{\"name\":\"rocket \\ud83d\\ude80\",\"slug\":\"{TestData.UniqueSlug()}\"}}")
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(ws.Str("name"), Is.EqualTo("rocket 🚀"));
    }

    [TestCase("/api/issues?workspace_slug=%00")]
    [TestCase("/api/issues?workspace_id=%00abc")]
    [TestCase("/ws?workspace_slug=%00")]
    [TestCase("/api/daemon/tasks/x/status?since=%00")]
    public async Task UrlWithNul_Is400_NotA500(string url)
    {
        var owner = await TestData.SignInAsync();
        using var response = await owner.Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("{\"error\":"));
    }
}

/// <summary>String length limits per field class: an over-long value is a 400 naming the field, never a 500.</summary>
public sealed class FieldLimitTests
{
    [Test]
    public async Task OverLongIdentifier_InAnIndexedColumn_Is400NamingTheField()
    {
        var w = await WorldAsync();
        await w.Daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = w.Workspace.Id.ToString(),
            daemon_id = new string('d', 3000),
            device_name = "box",
            runtimes = new[] { new { name = "", type = "claude", version = "1.0", status = "online" } },
        }).ExpectErrorAsync(HttpStatusCode.BadRequest, "daemon_id is too long");
        await w.Daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = w.Workspace.Id.ToString(),
            daemon_id = "d1",
            runtimes = new[] { new { name = "", type = new string('t', 3000), version = "1.0", status = "online" } },
        }).ExpectErrorAsync(HttpStatusCode.BadRequest, "type is too long");
    }

    [Test]
    public async Task OverLongText_Is400_WithinTheLimitIsAccepted()
    {
        var owner = await TestData.SignInAsync();
        await owner.Client.PostAsync("/api/workspaces", new { name = new string('n', 300), slug = TestData.UniqueSlug() })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "name is too long");
        var ws = await owner.Client.PostAsync("/api/workspaces", new { name = new string('n', 200), slug = TestData.UniqueSlug() })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(ws.Str("name"), Has.Length.EqualTo(200));
    }
}
