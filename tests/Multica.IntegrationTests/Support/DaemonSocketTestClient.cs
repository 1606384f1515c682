using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Multica.IntegrationTests.Support;

/// <summary>A daemon-side WebSocket over the in-process test server, speaking {"type","payload"} frames.</summary>
public sealed class DaemonSocketTestClient : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private DaemonSocketTestClient(WebSocket socket) => _socket = socket;

    public static async Task<DaemonSocketTestClient> ConnectAsync(string token, params Guid[] runtimeIds)
    {
        var client = TestEnvironment.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Authorization = "Bearer " + token;
            request.Headers["X-Client-Platform"] = "daemon";
            request.Headers["X-Client-Capabilities"] = "skill-bundles-v1,coalesced-comments-v1,rpc-v1";
        };
        var query = runtimeIds.Length == 0 ? "" : "?runtime_ids=" + string.Join(",", runtimeIds.Select(r => r.ToString()).Order());
        var socket = await client.ConnectAsync(new Uri("ws://localhost/api/daemon/ws" + query), CancellationToken.None);
        return new DaemonSocketTestClient(socket);
    }

    /// <summary>A daemon socket to a server listening on a real port (a cluster node).</summary>
    public static async Task<DaemonSocketTestClient> ConnectToAsync(Uri server, string token, params Guid[] runtimeIds)
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.SetRequestHeader("X-Client-Platform", "daemon");
        socket.Options.SetRequestHeader("X-Client-Capabilities", "skill-bundles-v1,coalesced-comments-v1,rpc-v1");
        var query = runtimeIds.Length == 0 ? "" : "?runtime_ids=" + string.Join(",", runtimeIds.Select(r => r.ToString()).Order());
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/api/daemon/ws", Query = query.TrimStart('?') }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new DaemonSocketTestClient(socket);
    }

    /// <summary>The tasks.claim RPC over the socket; returns the reply's body.</summary>
    public async Task<JsonElement?> ClaimAsync(string daemonId, Guid runtimeId, int maxTasks = 1)
    {
        var requestId = Guid.NewGuid().ToString("N");
        await SendAsync("daemon:rpc_request", new
        {
            request_id = requestId, method = "tasks.claim", timeout_ms = 5000,
            body = new { daemon_id = daemonId, runtime_ids = new[] { runtimeId }, max_tasks = maxTasks },
        });
        var reply = await WaitForAsync("daemon:rpc_response", match: p => p.GetProperty("request_id").GetString() == requestId);
        return reply is { } r && r.TryGetProperty("body", out var body) ? body : null;
    }

    public Task SendAsync(string type, object payload) =>
        SendRawAsync(JsonSerializer.Serialize(new { type, payload }));

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>One text frame sent as WebSocket fragments of <paramref name="fragmentBytes"/> each.</summary>
    public async Task SendFragmentedAsync(string text, int fragmentBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var offset = 0; offset < bytes.Length; offset += fragmentBytes)
        {
            var count = Math.Min(fragmentBytes, bytes.Length - offset);
            await _socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, CancellationToken.None);
        }
    }

    public Task HeartbeatAsync(Guid runtimeId) =>
        SendAsync("daemon:heartbeat", new { runtime_id = runtimeId.ToString(), supports_batch_import = true });

    /// <summary>The next frame of the given type (others are skipped), or null after the timeout.</summary>
    public async Task<JsonElement?> WaitForAsync(string type, TimeSpan? timeout = null, Func<JsonElement, bool>? match = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var frame = await ReceiveAsync(cts.Token);
                if (frame is null)
                    return null;
                if (frame.Value.GetProperty("type").GetString() == type)
                {
                    var payload = frame.Value.GetProperty("payload");
                    if (match is null || match(payload))
                        return payload;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reads (and skips) frames until the server's close frame: its status and reason, or null after the timeout.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return (_socket.CloseStatus, _socket.CloseStatusDescription);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            return null;
        }
    }

    private Task<JsonElement?> ReceiveAsync(CancellationToken ct) => ReceiveJsonAsync(_socket, ct);

    /// <summary>The next whole frame as JSON, or null when the peer closes.</summary>
    internal static async Task<JsonElement?> ReceiveJsonAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            length += result.Count;
        } while (!result.EndOfMessage);
        using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
        return doc.RootElement.Clone();
    }

    public ValueTask DisposeAsync() => CloseQuietlyAsync(_socket);

    /// <summary>A normal close (bounded to 2 s, errors ignored), then dispose.</summary>
    internal static async ValueTask CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", new CancellationTokenSource(2000).Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        socket.Dispose();
    }
}
