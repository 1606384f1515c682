using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Presence;

/// <summary>Conformance ids C1–C17, C22–C25, C60, C70, C73 (tests/README.md): registration, heartbeat, repos, auth.</summary>
public sealed class RegistrationConformanceTests
{
    private static object RegisterBody(Guid workspaceId, string daemonId, string type = "claude", string name = "", string version = "1.0",
        string[]? legacy = null) => new
    {
        workspace_id = workspaceId.ToString(),
        daemon_id = daemonId,
        legacy_daemon_ids = legacy,
        device_name = "box",
        cli_version = "0.2.17",
        launched_by = "",
        runtimes = new[] { new { name, type, version, status = "online" } },
    };

    [Test]
    [Property("Id", "C01")]
    public async Task Register_WithMatchingDaemonToken_Returns200WithRuntimesAndReposVersion()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var token = await TestData.IssueDaemonTokenAsync(owner.Client, ws.Id, "host-1");
        var body = await TestData.ClientWith(token).PostAsync("/api/daemon/register", RegisterBody(ws.Id, "host-1")).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("runtimes").GetArrayLength(), Is.EqualTo(1));
        Assert.That(body.GetProperty("repos_version").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(body.GetProperty("repos").ValueKind, Is.EqualTo(JsonValueKind.Array));
        var runtime = body.GetProperty("runtimes")[0];
        Assert.That(runtime.GetProperty("owner_id").ValueKind, Is.EqualTo(JsonValueKind.Null), "daemon tokens record no owner");
        Assert.That(runtime.Str("launch_header"), Is.EqualTo("claude (stream-json)"));
        Assert.That(runtime.EnumerateObject().Count(), Is.EqualTo(14));
    }

    [Test]
    [Property("Id", "C02")]
    public async Task Register_WithDaemonTokenOfAnotherWorkspace_Returns404WorkspaceNotFound()
    {
        var owner = await TestData.SignInAsync();
        var mine = await TestData.CreateWorkspaceAsync(owner.Client);
        var other = await TestData.CreateWorkspaceAsync(owner.Client);
        var token = await TestData.IssueDaemonTokenAsync(owner.Client, mine.Id);
        await TestData.ClientWith(token).PostAsync("/api/daemon/register", RegisterBody(other.Id, "d"))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }

    [Test]
    [Property("Id", "C03")]
    public async Task Register_AsNonMemberOrUnknownWorkspace_Returns404WorkspaceNotFound()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var outsider = await TestData.SignInAsync();
        await outsider.Client.PostAsync("/api/daemon/register", RegisterBody(ws.Id, "d"))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await outsider.Client.PostAsync("/api/daemon/register", RegisterBody(Guid.NewGuid(), "d"))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await outsider.Client.PostAsync("/api/daemon/register", new { workspace_id = "not-a-uuid", daemon_id = "d", runtimes = new[] { new { type = "x" } } })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }

    [Test]
    [Property("Id", "C04")]
    public async Task Register_MissingDaemonId_Returns400_EvenWithoutWorkspace()
    {
        var user = await TestData.SignInAsync();
        await user.Client.PostAsync("/api/daemon/register", new { runtimes = Array.Empty<object>() })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "daemon_id is required");
        await user.Client.PostAsync("/api/daemon/register", new { daemon_id = "   ", workspace_id = "" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "daemon_id is required");
    }

    [Test]
    [Property("Id", "C05")]
    public async Task Register_MissingWorkspace_EmptyRuntimes_BadBody_Return400()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        await user.Client.PostAsync("/api/daemon/register", new { daemon_id = "d" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "workspace_id is required");
        await user.Client.PostAsync("/api/daemon/register", new { daemon_id = "d", workspace_id = ws.Id.ToString(), runtimes = Array.Empty<object>() })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "at least one runtime is required");
        await user.Client.PostRawAsync("/api/daemon/register", "{not json")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        await user.Client.PostRawAsync("/api/daemon/register", "{\"daemon_id\": 5}")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Test]
    [Property("Id", "C06")]
    public async Task Reregister_SameKey_KeepsIdAndRefreshesOnlineAndLastSeen()
    {
        var w = await WorldAsync();
        await ExecAsync("UPDATE agent_runtime SET status = 'offline', last_seen_at = now() - interval '1 hour' WHERE id = @id", ("id", w.RuntimeId));
        var body = await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId)).ExpectAsync(HttpStatusCode.OK);
        var runtime = body.GetProperty("runtimes")[0];
        Assert.That(runtime.Str("id"), Is.EqualTo(w.Runtime));
        Assert.That(runtime.Str("status"), Is.EqualTo("online"));
        Assert.That(DateTime.Parse(runtime.Str("last_seen_at")).ToUniversalTime(), Is.GreaterThan(DateTime.UtcNow.AddMinutes(-5)));
        Assert.That(runtime.Str("owner_id"), Is.EqualTo(w.Owner.Id.ToString()));
    }

    [Test]
    [Property("Id", "C07")]
    public async Task Register_BlankName_DerivesNameDeviceInfoAndMetadata()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        var body = await user.Client.PostAsync("/api/daemon/register", RegisterBody(ws.Id, "d1", type: "codex", name: "  ", version: "1.2"))
            .ExpectAsync(HttpStatusCode.OK);
        var runtime = body.GetProperty("runtimes")[0];
        Assert.That(runtime.Str("name"), Is.EqualTo("codex (box)"));
        Assert.That(runtime.Str("device_info"), Is.EqualTo("box · 1.2"));
        Assert.That(runtime.Str("runtime_mode"), Is.EqualTo("local"));
        var metadata = runtime.GetProperty("metadata");
        Assert.That(metadata.Str("version"), Is.EqualTo("1.2"));
        Assert.That(metadata.Str("cli_version"), Is.EqualTo("0.2.17"));
        Assert.That(metadata.Str("launched_by"), Is.EqualTo(""));
    }

    private static async Task<(DaemonWorld World, Guid OldRuntime, Guid Agent, Guid DoneTask)> LegacySetupAsync(string storedDaemonId)
    {
        var w = await WorldAsync();
        var old = await RegisterAsync(w.Daemon, w.Workspace.Id, storedDaemonId);
        var agent = await AgentAsync(w.Workspace.Id, old);
        var done = await TaskAsync(agent, old, status: "completed");
        return (w, old, agent, done);
    }

    [Test]
    [Property("Id", "C08")]
    public async Task LegacyMerge_MovesAgentsAndTasks_DeletesOldRow_RecordsLegacyId()
    {
        var (w, old, agent, done) = await LegacySetupAsync("Old-Host");
        var body = await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId, legacy: ["Old-Host"]))
            .ExpectAsync(HttpStatusCode.OK);
        var newId = Guid.Parse(body.GetProperty("runtimes")[0].Str("id"));
        Assert.That(newId, Is.Not.EqualTo(old));
        Assert.That(await ScalarAsync<Guid>("SELECT runtime_id FROM agent WHERE id = @id", ("id", agent)), Is.EqualTo(newId));
        Assert.That(await ScalarAsync<Guid>("SELECT runtime_id FROM agent_task_queue WHERE id = @id", ("id", done)), Is.EqualTo(newId));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = @id", ("id", old)), Is.EqualTo(0));
        Assert.That(await ScalarAsync<string>("SELECT legacy_daemon_id FROM agent_runtime WHERE id = @id", ("id", newId)), Is.EqualTo("Old-Host"));
    }

    [Test]
    [Property("Id", "C09")]
    public async Task LegacyMerge_DotLocalCandidates_MergeStoredBareHostname()
    {
        var (w, old, agent, _) = await LegacySetupAsync("Host");
        await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId, legacy: ["Host", "Host.local"])).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = @id", ("id", old)), Is.EqualTo(0));
        Assert.That(await ScalarAsync<Guid>("SELECT runtime_id FROM agent WHERE id = @id", ("id", agent)), Is.EqualTo(w.RuntimeId));
    }

    [Test]
    [Property("Id", "C10")]
    public async Task LegacyMerge_IsCaseInsensitive_RecordsSentCasing()
    {
        var (w, old, _, _) = await LegacySetupAsync("my-host");
        await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId, legacy: ["MY-HOST"])).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = @id", ("id", old)), Is.EqualTo(0));
        Assert.That(await ScalarAsync<string>("SELECT legacy_daemon_id FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId)), Is.EqualTo("MY-HOST"));
    }

    [Test]
    [Property("Id", "C11")]
    public async Task LegacyMerge_OneCandidate_MergesAllCaseVariants()
    {
        var w = await WorldAsync();
        var a = await RegisterAsync(w.Daemon, w.Workspace.Id, "Box");
        var b = await RegisterAsync(w.Daemon, w.Workspace.Id, "BOX");
        var agentA = await AgentAsync(w.Workspace.Id, a);
        var agentB = await AgentAsync(w.Workspace.Id, b);
        await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId, legacy: ["box"])).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = ANY(@ids)", ("ids", new[] { a, b })), Is.EqualTo(0));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent WHERE id = ANY(@ids) AND runtime_id = @r",
            ("ids", new[] { agentA, agentB }), ("r", w.RuntimeId)), Is.EqualTo(2));
    }

    [Test]
    [Property("Id", "C12")]
    public async Task LegacyMerge_NoMatch_Returns200_LegacyIdStaysNull()
    {
        var w = await WorldAsync();
        await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId, legacy: ["nothing-here", " "])).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<string?>("SELECT legacy_daemon_id FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId)), Is.Null);
    }

    [Test]
    [Property("Id", "C13")]
    public async Task LegacyMerge_ScopedToWorkspaceAndProvider()
    {
        var w = await WorldAsync();
        var otherProvider = await RegisterAsync(w.Daemon, w.Workspace.Id, "legacy-x", provider: "codex");
        var otherWs = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var otherWorkspaceRow = await RegisterAsync(w.Daemon, otherWs.Id, "legacy-x");
        await w.Daemon.PostAsync("/api/daemon/register", RegisterBody(w.Workspace.Id, w.DaemonId, legacy: ["legacy-x"])).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = ANY(@ids)",
            ("ids", new[] { otherProvider, otherWorkspaceRow })), Is.EqualTo(2));
    }

    [Test]
    [Property("Id", "C14")]
    public async Task Deregister_RequiresIds_SkipsForeignAndUnknown_SetsOwnedOffline()
    {
        var w = await WorldAsync();
        var stranger = await WorldAsync();
        await w.Daemon.PostAsync("/api/daemon/deregister", new { runtime_ids = Array.Empty<string>() })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "runtime_ids is required");
        var body = await w.Daemon.PostAsync("/api/daemon/deregister", new { runtime_ids = new[] { w.Runtime, stranger.Runtime, Guid.NewGuid().ToString(), "junk" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("ok"));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId)), Is.EqualTo("offline"));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @id", ("id", stranger.RuntimeId)), Is.EqualTo("online"));
        Assert.That(Events("daemon:register", p => p.TryGetValue("action", out var a) && (string?)a == "deregister")
            .Any(e => e.WorkspaceId == w.Workspace.Id), Is.True);
    }

    [Test]
    [Property("Id", "C15")]
    public async Task Heartbeat_WithDaemonTokenOfAnotherWorkspace_Returns404()
    {
        var w = await WorldAsync();
        var other = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var token = await TestData.IssueDaemonTokenAsync(w.Owner.Client, other.Id);
        await TestData.ClientWith(token).PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    [Property("Id", "C16")]
    public async Task Heartbeat_EmptyId_Returns400_UnknownRuntime_Returns404()
    {
        var w = await WorldAsync();
        await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = "" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "runtime_id is required");
        await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = Guid.NewGuid().ToString() })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = "garbage" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
    }

    [Test]
    [Property("Id", "C17")]
    public async Task Heartbeat_OnOfflineRuntime_SetsOnline_RefreshesLastSeen()
    {
        var w = await WorldAsync();
        // Offline as this node knows it (a deregister here); a row set offline behind the node's back is the
        // coalescing tests' case (CoalescedHeartbeatTests).
        await w.Daemon.PostAsync("/api/daemon/deregister", new { runtime_ids = new[] { w.Runtime } }).ExpectAsync(HttpStatusCode.OK);
        await ExecAsync("UPDATE agent_runtime SET last_seen_at = now() - interval '1 day' WHERE id = @id", ("id", w.RuntimeId));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId)), Is.EqualTo("offline"));
        var body = await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("status"), Is.EqualTo("ok"));
        Assert.That(await ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId)), Is.EqualTo("online"));
        Assert.That(await ScalarAsync<bool>("SELECT last_seen_at > now() - interval '1 minute' FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId)), Is.True);
    }

    [Test]
    [Property("Id", "C22")]
    public async Task Repos_WithMatchingDaemonToken_EchoesAndTrims()
    {
        var w = await WorldAsync(repos: """[{"url":"  git@x:a.git ","description":" A "}]""");
        var token = await TestData.IssueDaemonTokenAsync(w.Owner.Client, w.Workspace.Id);
        var body = await TestData.ClientWith(token).GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.Str("workspace_id"), Is.EqualTo(w.Workspace.Id.ToString()));
        Assert.That(body.GetProperty("repos")[0].Str("url"), Is.EqualTo("git@x:a.git"));
        Assert.That(body.GetProperty("repos")[0].Str("description"), Is.EqualTo("A"));
        Assert.That(body.Str("repos_version"), Has.Length.EqualTo(64));
    }

    [Test]
    [Property("Id", "C23")]
    public async Task Repos_WithDaemonTokenOfAnotherWorkspace_Returns404()
    {
        var w = await WorldAsync();
        var other = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var token = await TestData.IssueDaemonTokenAsync(w.Owner.Client, other.Id);
        await TestData.ClientWith(token).GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/repos").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    [Property("Id", "C24")]
    public async Task ReposVersion_IgnoresOrderAndDescriptions_ChangesWithUrlSet()
    {
        var w = await WorldAsync(repos: """[{"url":"a","description":"x"},{"url":"b","description":"y"}]""");
        async Task<string> VersionAsync() =>
            (await w.Daemon.GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK)).Str("repos_version");
        var first = await VersionAsync();
        await ExecAsync("""UPDATE workspace SET repos = '[{"url":"b","description":"changed"},{"url":"a","description":""}]' WHERE id = @w""", ("w", w.Workspace.Id));
        Assert.That(await VersionAsync(), Is.EqualTo(first));
        await ExecAsync("""UPDATE workspace SET repos = '[{"url":"a","description":"x"},{"url":"c","description":"y"}]' WHERE id = @w""", ("w", w.Workspace.Id));
        Assert.That(await VersionAsync(), Is.Not.EqualTo(first));
    }

    [Test]
    [Property("Id", "C25")]
    public async Task Repos_DropsBlankAndDuplicateUrls_EmptyListHasEmptyDigest()
    {
        var w = await WorldAsync(repos: """[{"url":" ","description":"blank"},{"url":"a","description":"1"},{"url":"a ","description":"2"}]""");
        var body = await w.Daemon.GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("repos").GetArrayLength(), Is.EqualTo(1));
        Assert.That(body.GetProperty("repos")[0].Str("description"), Is.EqualTo("1"));
        await ExecAsync("UPDATE workspace SET repos = '[]' WHERE id = @w", ("w", w.Workspace.Id));
        body = await w.Daemon.GetAsync($"/api/daemon/workspaces/{w.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        Assert.That(body.GetProperty("repos").GetArrayLength(), Is.EqualTo(0));
        Assert.That(body.Str("repos_version"), Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [Test]
    [Property("Id", "C60")]
    public async Task DaemonAuth_ErrorsAreExact()
    {
        var w = await WorldAsync();
        var path = "/api/daemon/heartbeat";
        var body = new { runtime_id = w.Runtime };
        await TestData.Anonymous().PostAsync(path, body).ExpectErrorAsync(HttpStatusCode.Unauthorized, "missing authorization header");
        var wrongScheme = TestEnvironment.Factory.CreateClient();
        wrongScheme.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", "x");
        await new ApiClient(wrongScheme, null).PostAsync(path, body).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid authorization format");
        await TestData.ClientWith("mdt_" + new string('0', 40)).PostAsync(path, body).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid daemon token");
        await TestData.ClientWith("mul_" + new string('0', 40)).PostAsync(path, body).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
        await TestData.ClientWith("not.a.jwt").PostAsync(path, body).ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid token");
    }

    [Test]
    [Property("Id", "C70")]
    public async Task ClientHeaders_AreTolerated()
    {
        var w = await WorldAsync();
        var http = TestEnvironment.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", w.Pat);
        http.DefaultRequestHeaders.Add("X-Client-Platform", "daemon");
        http.DefaultRequestHeaders.Add("X-Client-OS", "plan9");
        http.DefaultRequestHeaders.Add("X-Client-Capabilities", "skill-bundles-v1,rpc-v1");
        await new ApiClient(http, null).PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime }).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    [Property("Id", "C73")]
    public async Task EveryListedWorkspace_CanBeRegisteredWithTheSameCredential()
    {
        var user = await TestData.SignInAsync();
        await TestData.CreateWorkspaceAsync(user.Client);
        var joined = await TestData.CreateWorkspaceAsync((await TestData.SignInAsync()).Client);
        await TestData.AddMemberAsync(joined.Id, user.Id);
        var pat = TestData.ClientWith(await TestData.CreatePatAsync(user.Client));
        var listed = await pat.GetAsync("/api/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed.GetArrayLength(), Is.EqualTo(2));
        foreach (var ws in listed.EnumerateArray())
            await pat.PostAsync("/api/daemon/register", RegisterBody(Guid.Parse(ws.Str("id")), "box-1")).ExpectAsync(HttpStatusCode.OK);
    }
}
