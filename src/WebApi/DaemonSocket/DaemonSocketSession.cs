using Multica.Application.DaemonProtocol.Socket.Frames;
using Multica.Application.DaemonProtocol.Presence.Heartbeat;
using Multica.Application.DaemonProtocol.Claiming.ClaimTasksBatch;
using Multica.Application.DaemonProtocol.Socket;
using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.WebApi.Infrastructure;
using Multica.Application.Common.Observability;
using Multica.WebApi.Input;

namespace Multica.WebApi.DaemonSocket;

/// <summary>
/// One daemon WebSocket (docs/daemon-websocket.md): reads daemon:heartbeat and daemon:rpc_request
/// frames, writes acks, RPC responses and the hub's hints through a single writer so frames never
/// interleave. Each frame's work runs in its own DI scope carrying the socket's identity.
/// The socket lives only as long as the credential it authenticated with: when that token is revoked, deleted
/// or expires, the socket is closed with a close frame (1008 and the reason) and nothing more is served on it.
/// </summary>
public sealed class DaemonSocketSession : IDaemonConnection
{
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>The receive buffer between frames: a heartbeat or an RPC reply fits; a larger frame grows it for its length.</summary>
    public const int IdleReceiveBytes = 4 * 1024;
    public const int MaxInFlightRpcs = 8;
    public const string RpcCapability = "rpc-v1";
    private const int MaxConcurrentHeartbeats = 4;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultRpcTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRpcTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxExpiryWait = TimeSpan.FromDays(1);

    private readonly WebSocket _socket;
    private readonly DaemonSocketScope _scope;
    private readonly Caller _caller;
    private readonly ClientInfo _client;
    private readonly Authenticator _authenticator;
    private readonly TimeProvider _time;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Lock _expiryLock = new();
    private ITimer? _expiryTimer;
    private string? _closeReason;
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly SemaphoreSlim _heartbeats = new(MaxConcurrentHeartbeats);
    private readonly CancellationTokenSource _closing = new();
    private int _inFlightRpcs;

    public DaemonSocketSession(WebSocket socket, DaemonSocketScope scope, Caller caller, ClientInfo client,
        Authenticator authenticator, TimeProvider time, IServiceScopeFactory scopes, ILogger logger)
    {
        _socket = socket;
        _scope = scope;
        _caller = caller;
        _client = client;
        _authenticator = authenticator;
        _time = time;
        _scopes = scopes;
        _logger = logger;
    }

    public Guid ConnectionId { get; } = Guid.NewGuid();
    public IReadOnlySet<Guid> RuntimeIds => _scope.RuntimeIds;
    public IReadOnlySet<Guid> WorkspaceIds => _scope.WorkspaceIds;
    public Guid? UserId => _scope.UserId;

    public bool TrySend(string type, object payload)
    {
        if (_closing.IsCancellationRequested || Volatile.Read(ref _closeReason) is not null)
            return false;
        var frame = JsonSerializer.SerializeToUtf8Bytes(new OutgoingFrame(type, payload), JsonDefaults.Options);
        if (_outbox.Writer.TryWrite(frame))
            return true;
        // A daemon a thousand frames behind is not reading; drop it and let it reconnect.
        _logger.LogWarning("daemon socket {ConnectionId} outbox full; closing", ConnectionId);
        _closing.Cancel();
        return false;
    }

    /// <summary>
    /// Re-checks the socket's credential whenever the credential store invalidates it (on this node, or on receipt
    /// of another node's invalidation) and at its expiry. Dispose when the socket ends.
    /// </summary>
    public IDisposable WatchCredential(ICredentialStore credentials)
    {
        if (_caller.CredentialHash is not { } hash)
            return NoWatch.Instance;
        ScheduleExpiryCheck(_caller.CredentialExpiresAt);
        var watch = credentials.WatchInvalidation(hash, () => _ = CredentialHoldsAsync());
        return new CredentialWatch(watch, this);
    }

    /// <summary>False (and the socket closing) once the credential is gone; checked before anything is served.</summary>
    private async Task<bool> CredentialHoldsAsync()
    {
        if (Volatile.Read(ref _closeReason) is not null)
            return false;
        if (_caller.CredentialHash is null)
            return true;
        CredentialCheck check;
        try
        {
            check = await _authenticator.CheckCredentialAsync(_caller, _closing.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage trouble is not a verdict on the credential; serve as before, the next check decides.
            _logger.LogDebug(ex, "daemon socket {ConnectionId} credential check failed", ConnectionId);
            return true;
        }
        if (check.Problem is { } problem)
        {
            RequestClose(problem);
            return false;
        }
        ScheduleExpiryCheck(check.ExpiresAt);
        return true;
    }

    private void ScheduleExpiryCheck(DateTime? expiresAt)
    {
        if (expiresAt is not { } at)
            return;
        var due = DateTime.SpecifyKind(at, DateTimeKind.Utc) - _time.GetUtcNow().UtcDateTime;
        // A far expiry is re-checked daily instead (timers take at most ~49 days; a renewal moves it anyway).
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxExpiryWait ? MaxExpiryWait : due;
        lock (_expiryLock)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = _time.CreateTimer(_ => _ = CredentialHoldsAsync(), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops serving and hands the close frame to the writer, after the frames already queued.</summary>
    private void RequestClose(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
            return;
        _logger.LogInformation("daemon socket {ConnectionId} closing: {Reason}", ConnectionId, reason);
        _outbox.Writer.TryComplete();
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        var writer = WriteLoopAsync(linked.Token);
        try
        {
            await ReadLoopAsync(linked.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Connection closed or aborted.
        }
        finally
        {
            _closing.Cancel();
            _outbox.Writer.TryComplete();
            try { await writer; } catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
        }
    }

    /// <summary>
    /// Reads whole frames (up to <see cref="MaxFrameBytes"/>) into a buffer of <see cref="IdleReceiveBytes"/> that grows
    /// for a larger frame and shrinks back after it. A daemon's frames are small and its socket is idle most of the
    /// time: a frame-sized buffer held for the socket's life was 64 KB per daemon, a fleet's worth of it promoted
    /// through the GC's generations at once after a reconnect (docs/benchmarks.md, "2,000 sockets: the receive buffers").
    /// </summary>
    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(IdleReceiveBytes);
        try
        {
            while (_socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    var capacity = Math.Min(buffer.Length, MaxFrameBytes);
                    if (length == capacity)
                    {
                        if (capacity == MaxFrameBytes)
                        {
                            await CloseAsync(WebSocketCloseStatus.MessageTooBig, "frame too large");
                            return;
                        }
                        buffer = Resize(buffer, Math.Min(2 * capacity, MaxFrameBytes), length);
                        capacity = Math.Min(buffer.Length, MaxFrameBytes);
                    }
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length, capacity - length), ct);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                        return;
                    }
                    length += result.Count;
                } while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Text)
                    Dispatch(buffer.AsMemory(0, length));
                if (buffer.Length > IdleReceiveBytes)
                    buffer = Resize(buffer, IdleReceiveBytes, 0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A pooled buffer of at least <paramref name="size"/> bytes holding the first <paramref name="keep"/> of the old one, which goes back to the pool.</summary>
    private static byte[] Resize(byte[] buffer, int size, int keep)
    {
        var resized = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, keep).CopyTo(resized);
        ArrayPool<byte>.Shared.Return(buffer);
        return resized;
    }

    private void Dispatch(ReadOnlyMemory<byte> frame)
    {
        if (Volatile.Read(ref _closeReason) is not null)
            return;
        IncomingFrame? incoming;
        try
        {
            incoming = JsonSerializer.Deserialize<IncomingFrame>(TextPolicy.Apply(frame, UnstorableText.Clean).Span, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return; // not a frame we understand; both sides ignore unknown input
        }
        switch (incoming?.Type)
        {
            case HeartbeatFrameType:
                _ = HandleHeartbeatAsync(incoming.Payload);
                break;
            case RpcRequestFrameType:
                HandleRpc(incoming.Payload);
                break;
        }
    }

    private async Task HandleHeartbeatAsync(JsonElement payload)
    {
        var runtimeIdText = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("runtime_id", out var rid) &&
                            rid.ValueKind == JsonValueKind.String ? rid.GetString() : null;
        // Only the connection's own runtimes; anything else is ignored.
        if (!Guid.TryParse(runtimeIdText, out var runtimeId) || !_scope.RuntimeIds.Contains(runtimeId))
            return;

        try
        {
            await _heartbeats.WaitAsync(_closing.Token);
        }
        catch (OperationCanceledException)
        {
            return; // connection closing
        }
        try
        {
            if (!await CredentialHoldsAsync())
                return;
            await using var scope = CreateScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var pending = await mediator.Send(new HeartbeatCommand(runtimeId.ToString()), _closing.Token);
            MulticaMetrics.Heartbeats.Add(1, MulticaMetrics.Tags.Socket);
            TrySend(HeartbeatAckFrame.Type, HeartbeatAckFrame.Ok(runtimeIdText!, [RpcCapability], pending));
        }
        catch (NotFoundException ex) when (ex.Message == ErrorMessages.RuntimeNotFound)
        {
            TrySend(HeartbeatAckFrame.Type, HeartbeatRuntimeGoneFrame.Of(runtimeIdText));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Other failures (access lost, storage errors): no reply; the daemon falls back to HTTP.
            _logger.LogDebug(ex, "daemon socket heartbeat failed for runtime {RuntimeId}", runtimeId);
        }
        finally
        {
            _heartbeats.Release();
        }
    }

    private void HandleRpc(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("request_id", out var idElement) ||
            idElement.ValueKind != JsonValueKind.String)
            return;
        var requestId = idElement.GetString()!;
        if (Interlocked.Increment(ref _inFlightRpcs) > MaxInFlightRpcs)
        {
            Interlocked.Decrement(ref _inFlightRpcs);
            TrySend(RpcResponseFrameType, new RpcResponse(requestId, 429, null, "too many in-flight rpc requests"));
            return;
        }
        _ = RunRpcAsync(requestId, payload);
    }

    private async Task RunRpcAsync(string requestId, JsonElement payload)
    {
        try
        {
            var method = payload.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var timeout = payload.TryGetProperty("timeout_ms", out var t) && t.TryGetInt64(out var ms) && ms > 0
                ? TimeSpan.FromMilliseconds(Math.Min(ms, MaxRpcTimeout.TotalMilliseconds))
                : DefaultRpcTimeout;
            var response = method == "tasks.claim"
                ? await ClaimAsync(requestId, payload, timeout)
                : new RpcResponse(requestId, 404, null, $"unknown rpc method: {method}");
            TrySend(RpcResponseFrameType, response);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fire-and-forget task: never leave an unobserved exception behind.
            _logger.LogWarning(ex, "daemon socket rpc {RequestId} failed", requestId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightRpcs);
        }
    }

    private async Task<RpcResponse> ClaimAsync(string requestId, JsonElement payload, TimeSpan timeout)
    {
        BatchClaimRequest? request;
        try
        {
            request = payload.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object
                ? body.Deserialize<BatchClaimRequest>(JsonDefaults.Options)
                : null;
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is null)
            return new RpcResponse(requestId, 400, null, ErrorMessages.InvalidRequestBody);
        // No claim on a socket whose credential is gone: a task handed out here would strand in dispatched.
        if (!await CredentialHoldsAsync())
            return new RpcResponse(requestId, 401, null, Authenticator.InvalidToken);

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        bounded.CancelAfter(timeout);
        try
        {
            await using var scope = CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request.ToCommand(), bounded.Token);
            return new RpcResponse(requestId, 200, result, null);
        }
        catch (AppException ex)
        {
            return new RpcResponse(requestId, ex.StatusCode, null, ex.Message);
        }
        catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
        {
            return new RpcResponse(requestId, 504, null, "rpc timed out");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "tasks.claim rpc failed");
            return new RpcResponse(requestId, 500, null, ErrorMessages.InternalError);
        }
    }

    private AsyncServiceScope CreateScope()
    {
        var scope = _scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ICallerContext>();
        context.Caller = _caller;
        context.Client = _client;
        return scope;
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        await foreach (var frame in _outbox.Reader.ReadAllAsync(ct))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(WriteTimeout);
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, deadline.Token);
        }
        if (Volatile.Read(ref _closeReason) is { } reason && _socket.State == WebSocketState.Open)
        {
            using var deadline = new CancellationTokenSource(WriteTimeout);
            try { await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, deadline.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
            // The daemon answers with its close frame; one that does not is cut off.
            _closing.CancelAfter(WriteTimeout);
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var deadline = new CancellationTokenSource(WriteTimeout);
            try { await _socket.CloseAsync(status, description, deadline.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
        }
    }

    private sealed class CredentialWatch(IDisposable watch, DaemonSocketSession session) : IDisposable
    {
        public void Dispose()
        {
            watch.Dispose();
            lock (session._expiryLock)
            {
                session._expiryTimer?.Dispose();
                session._expiryTimer = null;
            }
        }
    }

    private sealed class NoWatch : IDisposable
    {
        public static readonly NoWatch Instance = new();
        public void Dispose() { }
    }

    // The frames a daemon sends, and the answer to an RPC (docs/daemon-websocket.md); the other frames the server
    // sends name their type on their record in Application/DaemonProtocol/Socket/Frames.
    private const string HeartbeatFrameType = "daemon:heartbeat";
    private const string RpcRequestFrameType = "daemon:rpc_request";
    private const string RpcResponseFrameType = "daemon:rpc_response";

    private sealed record IncomingFrame(string? Type, JsonElement Payload);

    private sealed record OutgoingFrame(string Type, object Payload);

    private sealed record RpcResponse(
        string RequestId,
        int Status,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] object? Body,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Error);
}
