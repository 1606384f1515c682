using Multica.Application.DaemonProtocol.Socket;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.DaemonProtocol.Socket;

/// <summary>The daemon WebSocket GET /api/daemon/ws (docs/daemon-websocket.md, conformance ids N43–N47 in tests/README.md).</summary>
public sealed class DaemonSocketTests
{
    private sealed record Setup(SignedInUser Owner, TestWorkspace Workspace, Guid RuntimeId, string Pat);

    private static async Task<Setup> SetUpAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        return new Setup(owner, ws, runtime, await TestData.CreatePatAsync(owner.Client));
    }

    private static T Service<T>() where T : notnull => TestEnvironment.Factory.Services.GetRequiredService<T>();

    [Test]
    [Property("Id", "N43")]
    public async Task Handshake_WithOwnRuntime_Upgrades_ForeignOrUnknownRuntime_Is404BeforeUpgrade()
    {
        var s = await SetUpAsync();
        await using (var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId))
        {
            await socket.HeartbeatAsync(s.RuntimeId);
            Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);
        }

        var stranger = await TestData.SignInAsync();
        var strangerPat = await TestData.CreatePatAsync(stranger.Client);
        // The same checks answer a plain GET, so their bodies can be asserted.
        await TestData.ClientWith(strangerPat).GetAsync($"/api/daemon/ws?runtime_ids={s.RuntimeId}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await TestData.ClientWith(s.Pat).GetAsync($"/api/daemon/ws?runtime_ids={Guid.NewGuid()}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        Assert.ThrowsAsync<InvalidOperationException>(async () => await DaemonSocketTestClient.ConnectAsync(strangerPat, s.RuntimeId));

        // Repeated runtime_id parameters are accepted too; a plain GET with valid ids is not an upgrade.
        await TestData.ClientWith(s.Pat).GetAsync($"/api/daemon/ws?runtime_id={s.RuntimeId}")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "websocket upgrade required");
    }

    [Test]
    [Property("Id", "N43")]
    public async Task Handshake_DaemonTokenWithoutRuntimeIds_Returns400_UserWithoutIds_Upgrades()
    {
        var s = await SetUpAsync();
        var daemonToken = await TestData.IssueDaemonTokenAsync(s.Owner.Client, s.Workspace.Id, "host-ws");
        await TestData.ClientWith(daemonToken).GetAsync("/api/daemon/ws")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "runtime_ids or user identity required");
        await using var userSocket = await DaemonSocketTestClient.ConnectAsync(s.Pat);

        // A daemon token speaks for its own daemon only.
        var otherDaemonsRuntime = await DaemonSeed.RuntimeAsync(s.Workspace.Id, s.Owner.Id, daemonId: "someone-else");
        await TestData.ClientWith(daemonToken).GetAsync($"/api/daemon/ws?runtime_ids={otherDaemonsRuntime}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        var ownRuntime = await DaemonSeed.RuntimeAsync(s.Workspace.Id, null, daemonId: "host-ws", provider: "codex");
        await using var daemonSocket = await DaemonSocketTestClient.ConnectAsync(daemonToken, ownRuntime);
        await daemonSocket.HeartbeatAsync(ownRuntime);
        Assert.That(await daemonSocket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);
    }

    [Test]
    [Property("Id", "N44")]
    public async Task Heartbeat_AcksOwnRuntime_IgnoresOthers_ReportsRuntimeGone()
    {
        var s = await SetUpAsync();
        var second = await DaemonSeed.RuntimeAsync(s.Workspace.Id, s.Owner.Id, provider: "codex");
        var outside = await DaemonSeed.RuntimeAsync(s.Workspace.Id, s.Owner.Id, provider: "gemini");
        await DaemonSeed.ExecAsync("UPDATE agent_runtime SET status = 'offline', last_seen_at = now() - interval '1 hour' WHERE id = @r", ("r", s.RuntimeId));
        await using var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId, second);

        await socket.HeartbeatAsync(s.RuntimeId);
        var ack = await socket.WaitForAsync("daemon:heartbeat_ack");
        Assert.That(ack!.Value.Str("runtime_id"), Is.EqualTo(s.RuntimeId.ToString()));
        Assert.That(ack.Value.Str("status"), Is.EqualTo("ok"));
        Assert.That(ack.Value.TryGetProperty("runtime_gone", out _), Is.False);
        // rpc-v1 is advertised: the tasks.claim RPC runs the batch claim (N47).
        Assert.That(ack.Value.GetProperty("server_capabilities")[0].GetString(), Is.EqualTo("rpc-v1"));
        var status = await DaemonSeed.ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @r", ("r", s.RuntimeId));
        var fresh = await DaemonSeed.ScalarAsync<bool>("SELECT last_seen_at > now() - interval '1 minute' FROM agent_runtime WHERE id = @r", ("r", s.RuntimeId));
        Assert.That(status, Is.EqualTo("online"));
        Assert.That(fresh, Is.True);

        await socket.HeartbeatAsync(outside);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack", TimeSpan.FromMilliseconds(700)), Is.Null, "runtime outside the connection is ignored");

        await DaemonSeed.ExecAsync("DELETE FROM agent_runtime WHERE id = @r", ("r", second));
        await socket.HeartbeatAsync(second);
        var gone = await socket.WaitForAsync("daemon:heartbeat_ack");
        Assert.That(gone!.Value.Str("runtime_id"), Is.EqualTo(second.ToString()));
        Assert.That(gone.Value.Str("status"), Is.EqualTo("runtime_gone"));
        Assert.That(gone.Value.GetProperty("runtime_gone").GetBoolean(), Is.True);

        // Garbage frames and unknown types are ignored; the connection stays usable.
        await socket.SendRawAsync("not json");
        await socket.SendAsync("daemon:something_new", new { });
        await socket.HeartbeatAsync(s.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);
    }

    [Test]
    [Property("Id", "N44")]
    public async Task HeartbeatAck_CarriesPendingRequests_ExactlyOnceAcrossSockets()
    {
        var s = await SetUpAsync();
        var user = TestData.ClientWith(s.Owner.Jwt);
        user.Http.DefaultRequestHeaders.Add("X-Workspace-ID", s.Workspace.Id.ToString());
        await using var a = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        await using var b = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);

        var update = await user.PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "v9" }).ExpectAsync(HttpStatusCode.OK);
        var hint = await a.WaitForAsync("daemon:pending_work");
        Assert.That(hint!.Value.Str("runtime_id"), Is.EqualTo(s.RuntimeId.ToString()));
        Assert.That(hint.Value.Str("kind"), Is.EqualTo("update"));

        await Task.WhenAll(a.HeartbeatAsync(s.RuntimeId), b.HeartbeatAsync(s.RuntimeId));
        var acks = await Task.WhenAll(a.WaitForAsync("daemon:heartbeat_ack"), b.WaitForAsync("daemon:heartbeat_ack"));
        var delivered = acks.Where(x => x!.Value.TryGetProperty("pending_update", out _)).ToList();
        Assert.That(delivered, Has.Count.EqualTo(1));
        Assert.That(delivered[0]!.Value.GetProperty("pending_update").Str("id"), Is.EqualTo(update.Str("id")));
        Assert.That(delivered[0]!.Value.GetProperty("pending_update").Str("target_version"), Is.EqualTo("v9"));
    }

    [Test]
    [Property("Id", "N46")]
    public async Task TaskAvailable_ReachesOnlySocketsHoldingTheRuntime()
    {
        var s = await SetUpAsync();
        var other = await SetUpAsync();
        await using var mine = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        await using var theirs = await DaemonSocketTestClient.ConnectAsync(other.Pat, other.RuntimeId);
        // Make sure both sockets are registered before the wake-up.
        await mine.HeartbeatAsync(s.RuntimeId);
        await mine.WaitForAsync("daemon:heartbeat_ack");
        await theirs.HeartbeatAsync(other.RuntimeId);
        await theirs.WaitForAsync("daemon:heartbeat_ack");

        var taskId = Guid.NewGuid();
        var started = DateTime.UtcNow;
        Service<IDaemonWakeups>().TaskAvailable(s.RuntimeId, taskId);
        var wake = await mine.WaitForAsync("daemon:task_available", TimeSpan.FromSeconds(2));
        Assert.That(wake, Is.Not.Null);
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(wake!.Value.Str("runtime_id"), Is.EqualTo(s.RuntimeId.ToString()));
        Assert.That(wake.Value.Str("task_id"), Is.EqualTo(taskId.ToString()));
        Assert.That(await theirs.WaitForAsync("daemon:task_available", TimeSpan.FromMilliseconds(500)), Is.Null);
    }

    [Test]
    public async Task N_WorkspacesChanged_OnWorkspaceEventsAndForTheUser()
    {
        var s = await SetUpAsync();
        await using var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        await socket.HeartbeatAsync(s.RuntimeId);
        await socket.WaitForAsync("daemon:heartbeat_ack");

        Service<IEventPublisher>().Publish(new RealtimeEvent("workspace:updated", new { id = s.Workspace.Id }, s.Workspace.Id));
        Assert.That(await socket.WaitForAsync("daemon:workspaces_changed", TimeSpan.FromSeconds(2)), Is.Not.Null);

        Service<IEventPublisher>().Publish(new RealtimeEvent("member:added",
            new { member = new { user_id = s.Owner.Id.ToString() } }, Guid.NewGuid()));
        Assert.That(await socket.WaitForAsync("daemon:workspaces_changed", TimeSpan.FromSeconds(2)), Is.Not.Null);

        Service<IDaemonPush>().WorkspacesChangedForUser(s.Owner.Id);
        Assert.That(await socket.WaitForAsync("daemon:workspaces_changed", TimeSpan.FromSeconds(2)), Is.Not.Null);
    }

    [Test]
    public async Task CreatingAWorkspace_WakesTheCreatorsDaemonSockets_NotOthers()
    {
        var s = await SetUpAsync();
        var other = await SetUpAsync();
        await using var mine = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        await using var theirs = await DaemonSocketTestClient.ConnectAsync(other.Pat, other.RuntimeId);
        await mine.HeartbeatAsync(s.RuntimeId);
        await mine.WaitForAsync("daemon:heartbeat_ack");
        await theirs.HeartbeatAsync(other.RuntimeId);
        await theirs.WaitForAsync("daemon:heartbeat_ack");

        await TestData.CreateWorkspaceAsync(s.Owner.Client);

        Assert.That(await mine.WaitForAsync("daemon:workspaces_changed", TimeSpan.FromSeconds(5)), Is.Not.Null);
        Assert.That(await theirs.WaitForAsync("daemon:workspaces_changed", TimeSpan.FromMilliseconds(500)), Is.Null);
    }

    [Test]
    public async Task LargeAndFragmentedFrames_AreReadWhole_UpToTheLimit_OneByteOverClosesTheSocket()
    {
        var s = await SetUpAsync();
        await using var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        const int limit = Multica.WebApi.DaemonSocket.DaemonSocketSession.MaxFrameBytes;

        // Ten times the idle receive buffer, in 1 KB fragments: the buffer grows across them and the frame is read whole.
        await socket.SendFragmentedAsync(PaddedHeartbeat(s.RuntimeId, 10 * Multica.WebApi.DaemonSocket.DaemonSocketSession.IdleReceiveBytes), 1024);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null, "a 40 KB frame in fragments");
        await socket.HeartbeatAsync(s.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null, "a small frame after a large one");
        await socket.SendRawAsync(PaddedHeartbeat(s.RuntimeId, limit));
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null, "a frame of exactly the limit");

        await socket.SendFragmentedAsync(PaddedHeartbeat(s.RuntimeId, limit + 1), 4096);
        var close = await socket.WaitForCloseAsync();
        Assert.That(close, Is.Not.Null, "the server closed the socket");
        Assert.That(close!.Value.Status, Is.EqualTo(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig));
        Assert.That(close.Value.Reason, Is.EqualTo("frame too large"));
    }

    /// <summary>A heartbeat frame of exactly <paramref name="bytes"/> bytes of UTF-8, padded by a field the server ignores.</summary>
    private static string PaddedHeartbeat(Guid runtimeId, int bytes)
    {
        var head = "{\"type\":\"daemon:heartbeat\",\"payload\":{\"runtime_id\":\"" + runtimeId + "\"},\"pad\":\"";
        const string tail = "\"}";
        var frame = head + new string('x', bytes - head.Length - tail.Length) + tail;
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(frame), Is.EqualTo(bytes));
        return frame;
    }

    [Test]
    public async Task RevokingThePat_ClosesItsSocketWithAReason()
    {
        var s = await SetUpAsync();
        await using var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        await socket.HeartbeatAsync(s.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);

        var tokens = await s.Owner.Client.GetAsync("/api/tokens").ExpectAsync(HttpStatusCode.OK);
        var tokenId = tokens.EnumerateArray().Single(t => t.Str("name") == "test").Str("id");
        await s.Owner.Client.DeleteAsync($"/api/tokens/{tokenId}").ExpectAsync(HttpStatusCode.NoContent);

        var close = await socket.WaitForCloseAsync();
        Assert.That(close, Is.Not.Null, "the server closed the socket");
        Assert.That(close!.Value.Status, Is.EqualTo(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation));
        Assert.That(close.Value.Reason, Is.EqualTo("credential revoked"));
    }

    [Test]
    public async Task RevokingTheDaemonToken_ClosesItsSocket_AndServesNoClaim()
    {
        var s = await SetUpAsync();
        var daemonToken = await TestData.IssueDaemonTokenAsync(s.Owner.Client, s.Workspace.Id, "host-revoke");
        await DaemonSeed.ExecAsync("UPDATE agent_runtime SET daemon_id = 'host-revoke' WHERE id = @r", ("r", s.RuntimeId));
        var agent = await DaemonSeed.AgentAsync(s.Workspace.Id, s.RuntimeId, s.Owner.Id);
        var task = await DaemonSeed.TaskAsync(agent, s.RuntimeId, await DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id));
        await using var socket = await DaemonSocketTestClient.ConnectAsync(daemonToken, s.RuntimeId);
        await socket.HeartbeatAsync(s.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);

        var listed = await s.Owner.Client.GetAsync($"/api/workspaces/{s.Workspace.Id}/daemon-tokens").ExpectAsync(HttpStatusCode.OK);
        var tokenId = listed.EnumerateArray().Single(t => t.Str("daemon_id") == "host-revoke").Str("id");
        await s.Owner.Client.DeleteAsync($"/api/workspaces/{s.Workspace.Id}/daemon-tokens/{tokenId}").ExpectAsync(HttpStatusCode.NoContent);
        // A claim sent right after the revocation is not served, whether or not the close frame is already on its way.
        await socket.SendAsync("daemon:rpc_request", new
        {
            request_id = "late", method = "tasks.claim", timeout_ms = 5000,
            body = new { daemon_id = "host-revoke", runtime_ids = new[] { s.RuntimeId.ToString() }, max_tasks = 1 },
        });

        var close = await socket.WaitForCloseAsync();
        Assert.That(close, Is.Not.Null, "the server closed the socket");
        Assert.That(close!.Value.Reason, Is.EqualTo("credential revoked"));
        Assert.That(await DaemonSeed.ScalarAsync<string>("SELECT status FROM agent_task_queue WHERE id = @t", ("t", task)), Is.EqualTo("queued"));
        Assert.That(await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM task_token WHERE task_id = @t", ("t", task)), Is.Zero);
    }

    [Test]
    public async Task AnExpiringPat_ClosesItsSocketAtExpiry()
    {
        var s = await SetUpAsync();
        var shortLived = await TestData.CreatePatAsync(s.Owner.Client, "short", expiresInDays: 1);
        await DaemonSeed.ExecAsync("UPDATE personal_access_token SET expires_at = @at WHERE name = 'short' AND user_id = @u",
            ("at", DateTime.UtcNow.AddSeconds(5)), ("u", s.Owner.Id));
        // The handshake authenticates, so the socket opens only while the token still holds.
        await using var socket = await DaemonSocketTestClient.ConnectAsync(shortLived, s.RuntimeId);

        var close = await socket.WaitForCloseAsync(TimeSpan.FromSeconds(20));
        Assert.That(close, Is.Not.Null, "the server closed the socket");
        Assert.That(close!.Value.Reason, Is.EqualTo("credential expired"));
    }

    [Test]
    [Property("Id", "N47")]
    public async Task Rpc_UnknownMethodIsNon2xx_ClaimWithoutBodyIs400_ClaimHandsOutTheQueuedTask()
    {
        var s = await SetUpAsync();
        var agent = await DaemonSeed.AgentAsync(s.Workspace.Id, s.RuntimeId, s.Owner.Id);
        var issue = await DaemonSeed.IssueAsync(s.Workspace.Id, s.Owner.Id);
        var task = await DaemonSeed.TaskAsync(agent, s.RuntimeId, issue);
        var daemonId = await DaemonSeed.ScalarAsync<string>("SELECT daemon_id FROM agent_runtime WHERE id = @r", ("r", s.RuntimeId));
        await using var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);

        await socket.SendAsync("daemon:rpc_request", new { request_id = "r1", method = "tasks.bogus", timeout_ms = 5000 });
        var unknown = await socket.WaitForAsync("daemon:rpc_response");
        Assert.That(unknown!.Value.Str("request_id"), Is.EqualTo("r1"));
        Assert.That(unknown.Value.GetProperty("status").GetInt32(), Is.EqualTo(404));
        Assert.That(unknown.Value.Str("error"), Is.Not.Empty);

        await socket.SendAsync("daemon:rpc_request", new { request_id = "r2", method = "tasks.claim" });
        var invalid = await socket.WaitForAsync("daemon:rpc_response");
        Assert.That(invalid!.Value.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(invalid.Value.Str("error"), Is.EqualTo("invalid request body"));

        await socket.SendAsync("daemon:rpc_request", new
        {
            request_id = "r3", method = "tasks.claim", timeout_ms = 5000,
            body = new { daemon_id = daemonId, runtime_ids = new[] { s.RuntimeId.ToString() }, max_tasks = 2 },
        });
        var claim = await socket.WaitForAsync("daemon:rpc_response");
        Assert.That(claim!.Value.GetProperty("status").GetInt32(), Is.EqualTo(200));
        var tasks = claim.Value.GetProperty("body").GetProperty("tasks");
        Assert.That(tasks.GetArrayLength(), Is.EqualTo(1));
        Assert.That(tasks[0].Str("id"), Is.EqualTo(task.ToString()));
        Assert.That(tasks[0].Str("auth_token"), Does.StartWith("mat_"));

        // Claimed once: a second RPC finds nothing.
        await socket.SendAsync("daemon:rpc_request", new
        {
            request_id = "r4", method = "tasks.claim", timeout_ms = 5000,
            body = new { daemon_id = daemonId, runtime_ids = new[] { s.RuntimeId.ToString() }, max_tasks = 2 },
        });
        var again = await socket.WaitForAsync("daemon:rpc_response", match: f => f.Str("request_id") == "r4");
        Assert.That(again!.Value.GetProperty("body").GetProperty("tasks").GetArrayLength(), Is.Zero);
    }

    [Test]
    [Property("Id", "N1")]
    public async Task Capabilities_HeaderIsAcceptedOnTheSocketAndRoutes()
    {
        var s = await SetUpAsync();
        var client = TestData.ClientWith(s.Pat);
        client.Http.DefaultRequestHeaders.Add("X-Client-Capabilities", "skill-bundles-v1,rpc-v1");
        await client.GetAsync($"/api/daemon/workspaces/{s.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        await using var socket = await DaemonSocketTestClient.ConnectAsync(s.Pat, s.RuntimeId);
        await socket.HeartbeatAsync(s.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);
    }
}
