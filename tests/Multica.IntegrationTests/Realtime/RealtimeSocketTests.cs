using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Realtime;

public sealed class RealtimeSocketTests
{
    private static Uri WsUri(string query) => new(TestEnvironment.Factory.Server.BaseAddress, "/ws?" + query);

    private static async Task<WebSocket> ConnectAsync(string query, string? cookie = null, string? origin = null)
    {
        var client = TestEnvironment.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = r =>
        {
            if (cookie is not null)
                r.Headers["Cookie"] = $"multica_auth={cookie}";
            if (origin is not null)
                r.Headers["Origin"] = origin;
        };
        return await client.ConnectAsync(WsUri(query), CancellationToken.None);
    }

    [Test]
    public async Task Origin_TheServersOwnPagesAndCorsOrigins_AreAccepted_OthersRefused()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        var own = TestEnvironment.Factory.Server.BaseAddress.GetLeftPart(UriPartial.Authority);

        foreach (var origin in new[] { own, "http://localhost:3000" })
        {
            using var socket = await ConnectAsync($"workspace_id={ws.Id}", cookie: user.Jwt, origin: origin);
            await SendAsync(socket, new { type = "ping" });
            Assert.That((await ReceiveAsync(socket)).Str("type"), Is.EqualTo("pong"), origin);
        }

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() =>
            ConnectAsync($"workspace_id={ws.Id}", cookie: user.Jwt, origin: "https://evil.example"));
        Assert.That(refused!.Message, Does.Contain("403"));
    }

    private static Task SendAsync(WebSocket socket, object frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame)), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count));
        return doc.RootElement.Clone();
    }

    private static void Publish(RealtimeEvent evt) =>
        TestEnvironment.Factory.Services.GetRequiredService<IEventPublisher>().Publish(evt);

    [Test]
    public async Task FirstFrameAuth_AcksAndDeliversWorkspaceEventsOnly()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        var other = await TestData.CreateWorkspaceAsync(user.Client);
        using var socket = await ConnectAsync($"workspace_id={ws.Id}");
        await SendAsync(socket, new { type = "auth", payload = new { token = user.Jwt } });
        Assert.That((await ReceiveAsync(socket)).Str("type"), Is.EqualTo("auth_ack"));

        var actor = Guid.NewGuid();
        Publish(new RealtimeEvent("issue:updated", new { issue = new { id = "x" } }, other.Id));
        Publish(new RealtimeEvent("issue:created", new { issue = new { id = "mine" } }, ws.Id, "member", actor));

        var frame = await ReceiveAsync(socket);
        Assert.That(frame.Str("type"), Is.EqualTo("issue:created"), "the other workspace's event must not arrive");
        Assert.That(frame.Str("actor_id"), Is.EqualTo(actor.ToString()));
        Assert.That(frame.GetProperty("payload").GetProperty("issue").Str("id"), Is.EqualTo("mine"));
    }

    [Test]
    public async Task CookieAuth_NeedsNoAuthFrame_AndAnswersPing()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        using var socket = await ConnectAsync($"workspace_slug={ws.Slug}", cookie: user.Jwt);
        await SendAsync(socket, new { type = "ping" });
        Assert.That((await ReceiveAsync(socket)).Str("type"), Is.EqualTo("pong"));
    }

    [Test]
    public async Task FirstFrameAuth_NonMember_IsRefused()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var stranger = await TestData.SignInAsync();
        using var socket = await ConnectAsync($"workspace_id={ws.Id}");
        await SendAsync(socket, new { type = "auth", payload = new { token = stranger.Jwt } });
        Assert.That((await ReceiveAsync(socket)).Str("error"), Is.EqualTo("not a member of this workspace"));
    }

    [Test]
    public async Task FirstFrame_OfWrongShape_IsRefused()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        using var socket = await ConnectAsync($"workspace_id={ws.Id}");
        await SendAsync(socket, new { type = "hello" });
        Assert.That((await ReceiveAsync(socket)).Str("error"), Is.EqualTo("expected auth message as first frame"));
    }

    [Test]
    public async Task Subscribe_ToForeignWorkspace_IsForbidden_UnknownScopeIsReported()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        using var socket = await ConnectAsync($"workspace_id={ws.Id}", cookie: user.Jwt);
        await SendAsync(socket, new { type = "subscribe", payload = new { scope = "workspace", id = Guid.NewGuid().ToString() } });
        var denied = await ReceiveAsync(socket);
        Assert.That(denied.Str("type"), Is.EqualTo("subscribe_error"));
        Assert.That(denied.GetProperty("payload").Str("error"), Is.EqualTo("forbidden"));

        await SendAsync(socket, new { type = "subscribe", payload = new { scope = "galaxy", id = "1" } });
        Assert.That((await ReceiveAsync(socket)).GetProperty("payload").Str("error"), Is.EqualTo("unknown_scope"));

        await SendAsync(socket, new { type = "subscribe", payload = new { scope = "workspace", id = ws.Id.ToString() } });
        Assert.That((await ReceiveAsync(socket)).Str("type"), Is.EqualTo("subscribe_ack"));
    }

    [Test]
    public async Task PersonalEvents_GoOnlyToTheirUser()
    {
        var alice = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(alice.Client);
        var bob = await TestData.SignInAsync();
        await TestData.AddMemberAsync(ws.Id, bob.Id);
        using var aliceSocket = await ConnectAsync($"workspace_id={ws.Id}", cookie: alice.Jwt);
        using var bobSocket = await ConnectAsync($"workspace_id={ws.Id}", cookie: bob.Jwt);
        // Cookie mode sends no ack: a ping/pong round trip proves both sockets are registered.
        foreach (var socket in new[] { aliceSocket, bobSocket })
        {
            await SendAsync(socket, new { type = "ping" });
            Assert.That((await ReceiveAsync(socket)).Str("type"), Is.EqualTo("pong"));
        }

        Publish(new RealtimeEvent("inbox:new", new { item = new { recipient_id = bob.Id } }, ws.Id, UserId: bob.Id));
        Publish(new RealtimeEvent("workspace:updated", new { marker = "after" }, ws.Id));

        Assert.That((await ReceiveAsync(bobSocket)).Str("type"), Is.EqualTo("inbox:new"));
        Assert.That((await ReceiveAsync(aliceSocket)).Str("type"), Is.EqualTo("workspace:updated"), "alice never sees bob's inbox");
    }

    [Test]
    public async Task Handshake_WithoutWorkspace_Is400()
    {
        var client = TestEnvironment.Factory.Server.CreateWebSocketClient();
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await client.ConnectAsync(WsUri(""), CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("400"));
    }
}
