using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Multica.LoadGen;

/// <summary>What a simulated daemon does over HTTP: heartbeat, claim poll, and run a claimed task to completion.</summary>
public sealed class DaemonActions(World world, Phase phase, int messagesPerTask)
{
    private readonly ConcurrentDictionary<string, byte> _claimed = new();
    private long _duplicates;
    private long _completed;

    public long DuplicateClaims => Interlocked.Read(ref _duplicates);
    public long Completed => Interlocked.Read(ref _completed);

    private static readonly ConcurrentDictionary<Guid, byte[]> HeartbeatBodies = new();

    public Task HeartbeatAsync(Guid runtime, CancellationToken ct, string route = "heartbeat") =>
        world.Api.MeasureAsync(phase.Route(route), HttpMethod.Post, "/api/daemon/heartbeat",
            HeartbeatBodies.GetOrAdd(runtime, r => Api.Json(new { runtime_id = r })), world.Pat, ct: ct);

    /// <summary>One claim poll; returns the task id when one was handed out (and counts duplicates).</summary>
    public async Task<string?> ClaimAsync(Guid runtime, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (body, error) = await world.Api.TrySendAsync(HttpMethod.Post, $"/api/daemon/runtimes/{runtime}/tasks/claim",
            null, world.Pat, null, parse: true, ct);
        if (error is not null)
            phase.Route("claim_empty").Error(error);
        if (body is not { } reply)
            return null;
        var task = reply.TryGetProperty("task", out var t) ? t : default;
        if (task.ValueKind != JsonValueKind.Object)
        {
            phase.Route("claim_empty").Success(started);
            return null;
        }
        phase.Route("claim_task").Success(started);
        var id = task.GetProperty("id").GetString()!;
        if (!_claimed.TryAdd(id, 0))
            Interlocked.Increment(ref _duplicates);
        return id;
    }

    /// <summary>start → one batch of messages → usage → complete, as a daemon reports a finished run.</summary>
    public async Task RunTaskAsync(string taskId, CancellationToken ct)
    {
        var path = $"/api/daemon/tasks/{taskId}";
        if (await world.Api.MeasureAsync(phase.Route("start"), HttpMethod.Post, path + "/start", null, world.Pat, ct: ct) is null)
            return;
        if (messagesPerTask > 0)
        {
            var messages = Enumerable.Range(1, messagesPerTask).Select(seq => new
            {
                seq,
                type = seq % 2 == 0 ? "tool_use" : "text",
                tool = seq % 2 == 0 ? "Bash" : null,
                content = $"step {seq}: working on the task",
            });
            await world.Api.MeasureAsync(phase.Route("messages"), HttpMethod.Post, path + "/messages",
                Api.Json(new { messages }), world.Pat, ct: ct);
        }
        await world.Api.MeasureAsync(phase.Route("usage"), HttpMethod.Post, path + "/usage", Api.Json(new
        {
            usage = new[] { new { provider = "anthropic", model = "claude-sonnet-4", input_tokens = 1200, output_tokens = 300, cache_read_tokens = 0, cache_write_tokens = 0 } },
        }), world.Pat, ct: ct);
        if (await world.Api.MeasureAsync(phase.Route("complete"), HttpMethod.Post, path + "/complete", Api.Json(new
            {
                output = "done",
                session_id = "loadgen-session",
                work_dir = "/tmp/loadgen",
            }), world.Pat, ct: ct) is not null)
            Interlocked.Increment(ref _completed);
    }
}

/// <summary>
/// One daemon WebSocket (<c>/api/daemon/ws</c>) carrying the heartbeats of the daemon's runtimes; the ack
/// latency is recorded per heartbeat. A <c>daemon:task_available</c> frame invokes <paramref name="onWake"/>.
/// </summary>
public sealed class DaemonSocket(World world, Daemon daemon, Phase phase, Func<Guid, Task> onWake) : IAsyncDisposable
{
    private Phase _phase = phase;

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<Guid, long> _sentAt = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task? _reader;

    /// <summary>Waits up to `timeout` for outstanding heartbeat acks; those still missing count as errors.</summary>
    public async Task DrainAcksAsync(TimeSpan timeout)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (!_sentAt.IsEmpty && System.Diagnostics.Stopwatch.GetTimestamp() < until)
            await Task.Delay(50);
        foreach (var runtime in _sentAt.Keys)
            if (_sentAt.TryRemove(runtime, out _))
                _phase.Route("ws_heartbeat").Error("no ack by the end of the phase");
    }

    /// <summary>Records into another phase from now on (connect and steady state are reported apart).</summary>
    public void Rebind(Phase next) => _phase = next;

    public async Task ConnectAsync(CancellationToken ct)
    {
        _socket.Options.SetRequestHeader("Authorization", "Bearer " + world.Pat);
        var server = world.Api.Server;
        var uri = new UriBuilder(server)
        {
            Scheme = server.Scheme == "https" ? "wss" : "ws",
            Path = "/api/daemon/ws",
            Query = "runtime_ids=" + string.Join(',', daemon.RuntimeIds),
        }.Uri;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await _socket.ConnectAsync(uri, ct);
            _phase.Route("ws_connect").Success(started);
            _reader = ReadAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _phase.Route("ws_connect").Error(e.GetType().Name);
        }
    }

    public async Task HeartbeatAsync(Guid runtime, CancellationToken ct)
    {
        if (_socket.State != WebSocketState.Open)
            return;
        var frame = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "daemon:heartbeat", payload = new { runtime_id = runtime } }));
        if (!_sentAt.TryAdd(runtime, System.Diagnostics.Stopwatch.GetTimestamp()))
        {
            _phase.Route("ws_heartbeat").Error("previous heartbeat not acknowledged");
            _sentAt[runtime] = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        await _sendLock.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _phase.Route("ws_heartbeat").Error(e.GetType().Name);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult frame;
                do
                {
                    frame = await _socket.ReceiveAsync(buffer, ct);
                    message.Write(buffer, 0, frame.Count);
                } while (!frame.EndOfMessage && frame.MessageType != WebSocketMessageType.Close);
                if (frame.MessageType == WebSocketMessageType.Close)
                    return;
                using var doc = JsonDocument.Parse(message.ToArray());
                var type = doc.RootElement.GetProperty("type").GetString();
                var payload = doc.RootElement.TryGetProperty("payload", out var p) ? p : default;
                var runtime = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("runtime_id", out var r)
                    && Guid.TryParse(r.GetString(), out var id) ? id : Guid.Empty;
                if (type == "daemon:heartbeat_ack" && _sentAt.TryRemove(runtime, out var sent))
                {
                    if (payload.TryGetProperty("status", out var s) && s.GetString() == "ok")
                        _phase.Route("ws_heartbeat").Success(sent);
                    else
                        _phase.Route("ws_heartbeat").Error("ack status " + s);
                }
                else if (type == "daemon:task_available" && runtime != Guid.Empty)
                    _ = onWake(runtime);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            if (!ct.IsCancellationRequested)
                _phase.Route("ws_connect").Error("dropped: " + e.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception)
        {
            // closing is best effort
        }
        if (_reader is not null)
            await Task.WhenAny(_reader, Task.Delay(2000));
        _socket.Dispose();
    }
}
