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

    public Task SendAsync(string type, object payload) =>
        SendRawAsync(JsonSerializer.Serialize(new { type, payload }));

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

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

    private async Task<JsonElement?> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            length += result.Count;
        } while (!result.EndOfMessage);
        using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", new CancellationTokenSource(2000).Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        _socket.Dispose();
    }
}
