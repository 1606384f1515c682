using Multica.Application.Common.Observability;
using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// The one Redis pub/sub link between the API nodes. A message is published with this node's id and
/// every other node hands it to the local handler of its channel; the publishing node has already
/// delivered it locally, so nothing is delivered twice. Publishing never waits on Redis: a message is
/// serialised on the caller's thread and queued, and one send loop per node publishes what is queued,
/// several messages of a channel in one Redis message when they queued up together (a completion's
/// events, a burst under load), fire and forget. Messages are skipped while Redis is unreachable:
/// everything relayed here is a hint or a notification whose truth is in PostgreSQL. Subscriptions are
/// (re)established in the background and StackExchange.Redis restores them after a reconnect, so relaying
/// resumes without a restart. Messages of one channel are handled one at a time, in the order this node
/// published them (one queue, one send loop, one connection; docs/scaling.md, "How a message crosses nodes").
/// </summary>
public sealed class RedisRelay : IAsyncDisposable
{
    public const string EventsChannel = "mul:relay:events";
    public const string DaemonHintsChannel = "mul:relay:daemon-hints";
    public const string EvictionsChannel = "mul:relay:evictions";

    /// <summary>Messages waiting for the send loop; past this the newest is skipped (counted as skipped).</summary>
    public const int QueueCapacity = 10_000;

    /// <summary>A Redis message carries at most this many of a channel's messages...</summary>
    public const int MaxMessagesPerSend = 256;

    /// <summary>...and is closed once its bodies pass this many bytes (a comment's event can be large).</summary>
    public const int MaxBytesPerSend = 256 * 1024;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisRelay> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ChannelMessageQueue> _queues = [];
    private readonly Channel<Outgoing> _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly Task _sending;
    private long _published, _sends, _received, _skipped;

    public RedisRelay(IConnectionMultiplexer redis, ILogger<RedisRelay> logger)
    {
        _redis = redis;
        _logger = logger;
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>This process's id on the relay; messages carrying it are its own and are ignored on receipt.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>Messages this node sent to the other nodes (the place for a "relayed out" metric).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Redis messages those were sent in: at most one per message, fewer when they queued up together.</summary>
    public long Sends => Interlocked.Read(ref _sends);

    /// <summary>Messages from other nodes this node handed to its local handlers (the "relayed in" metric).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages not sent because Redis was unreachable or the send queue was full (their local delivery still happened).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Relays <paramref name="body"/>, serialised with the relay's JSON, to the other nodes' handlers of the channel.</summary>
    public void Publish<T>(string channel, T body)
    {
        if (!_redis.IsConnected
            || !_outgoing.Writer.TryWrite(new Outgoing(channel, JsonSerializer.SerializeToUtf8Bytes(body, RelayJson.Options))))
            Interlocked.Increment(ref _skipped);
    }

    /// <summary>
    /// Tells <paramref name="changed"/> whenever the link to Redis goes down (false) or comes back (true), and once
    /// now when it is down already: while it is down, other nodes' messages may be missed.
    /// </summary>
    public void OnLinkChanged(Action<bool> changed)
    {
        _redis.ConnectionFailed += (_, _) => changed(false);
        _redis.ConnectionRestored += (_, _) => changed(_redis.IsConnected);
        if (!_redis.IsConnected)
            changed(false);
    }

    /// <summary>Starts handing other nodes' messages on the channel to the handler; retries until Redis answers.</summary>
    public void Subscribe<T>(string channel, Action<T> handler) => _ = Task.Run(async () =>
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var queue = await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
                lock (_queues)
                    _queues.Add(queue);
                queue.OnMessage(message => Handle(channel, message.Message, handler));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _logger.LogWarning("relay subscription to {Channel} failed ({Message}); retrying", channel, ex.Message);
                try { await Task.Delay(RetryDelay, _stopping.Token); } catch (OperationCanceledException) { return; }
            }
        }
    });

    private async Task SendLoopAsync()
    {
        var reader = _outgoing.Reader;
        var batch = new List<Outgoing>(MaxMessagesPerSend);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                // Woken by the first message of a burst (a completion publishes several events in a row): one yield
                // lets the rest of it queue, so it leaves in one Redis message instead of one each.
                await Task.Yield();
                while (batch.Count < QueueCapacity && reader.TryRead(out var message))
                    batch.Add(message);
                try
                {
                    Send(batch);
                }
                catch (Exception ex)
                {
                    // The loop must outlive any one batch: what it could not send is counted as skipped.
                    Interlocked.Add(ref _skipped, batch.Count);
                    _logger.LogWarning(ex, "relay send of {Count} messages failed", batch.Count);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Sends the messages in their order, consecutive messages of one channel together.</summary>
    private void Send(List<Outgoing> batch)
    {
        var start = 0;
        while (start < batch.Count)
        {
            var end = start + 1;
            var bytes = batch[start].Json.Length;
            while (end < batch.Count && end - start < MaxMessagesPerSend && bytes < MaxBytesPerSend
                && batch[end].Channel == batch[start].Channel)
                bytes += batch[end++].Json.Length;
            Send(batch[start].Channel, batch, start, end - start);
            start = end;
        }
    }

    private void Send(string channel, List<Outgoing> batch, int start, int count)
    {
        if (!_redis.IsConnected)
        {
            Interlocked.Add(ref _skipped, count);
            return;
        }
        try
        {
            _redis.GetSubscriber().Publish(RedisChannel.Literal(channel), Frame(NodeId, batch.Skip(start).Take(count).Select(m => m.Json)),
                CommandFlags.FireAndForget);
            Interlocked.Add(ref _published, count);
            Interlocked.Increment(ref _sends);
            MulticaMetrics.EventsRelayed.Add(count, MulticaMetrics.Tags.Published);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Add(ref _skipped, count);
            _logger.LogDebug(ex, "relay publish on {Channel} skipped", channel);
        }
    }

    /// <summary>
    /// One Redis message: <c>{"node": id, "bodies": [body, …]}</c>, the node first (receivers recognise their own
    /// messages by it without reading the rest).
    /// </summary>
    internal static byte[] Frame(Guid node, IEnumerable<byte[]> bodies)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("node"u8, node);
            writer.WriteStartArray("bodies"u8);
            foreach (var body in bodies)
                writer.WriteRawValue(body, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void Handle<T>(string channel, RedisValue raw, Action<T> handler)
    {
        try
        {
            var bytes = (byte[])raw!;
            // Every node also receives what it published itself: recognise those by the leading node id
            // instead of deserialising the whole message only to drop it.
            if (IsOwn(bytes))
                return;
            var envelope = JsonSerializer.Deserialize<Envelope<T>>(bytes, RelayJson.Options);
            if (envelope is null || envelope.Node == NodeId)
                return;
            // "body" is the single-message form of the nodes before batching: handled so that a rolling upgrade
            // keeps relaying from the old nodes to the new ones.
            var bodies = envelope.Bodies ?? (envelope.Body is { } one ? [one] : []);
            foreach (var body in bodies)
            {
                if (body is null)
                    continue;
                Interlocked.Increment(ref _received);
                MulticaMetrics.EventsRelayed.Add(1, MulticaMetrics.Tags.Received);
                try
                {
                    handler(body);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "relay message on {Channel} could not be handled", channel);
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "relay message on {Channel} could not be read", channel);
        }
    }

    /// <summary>True when the message's first property is this node's id (<see cref="Frame"/> writes "node" first).</summary>
    private bool IsOwn(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("node"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var node) && node == NodeId;
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _stopping.CancelAsync();
        try { await _sending; } catch (OperationCanceledException) { }
        List<ChannelMessageQueue> queues;
        lock (_queues)
            queues = [.. _queues];
        foreach (var queue in queues)
        {
            try { await queue.UnsubscribeAsync(); } catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException) { }
        }
        _stopping.Dispose();
    }

    private sealed record Outgoing(string Channel, byte[] Json);

    private sealed record Envelope<T>(Guid Node, List<T?>? Bodies, T? Body);
}

/// <summary>The relay's own JSON: compact, snake_case, so the messages are readable with redis-cli MONITOR.</summary>
internal static class RelayJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
