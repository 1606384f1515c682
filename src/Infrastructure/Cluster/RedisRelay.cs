using Multica.Application.Common.Observability;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// The one Redis pub/sub link between the API nodes. A message is published with this node's id and
/// every other node hands it to the local handler of its channel; the publishing node has already
/// delivered it locally, so nothing is delivered twice. Publishing never waits on Redis (fire and
/// forget) and is skipped while Redis is unreachable: everything relayed here is a hint or a
/// notification whose truth is in PostgreSQL. Subscriptions are (re)established in the background and
/// StackExchange.Redis restores them after a reconnect, so relaying resumes without a restart.
/// Messages of one channel are handled one at a time, in the order Redis delivers them (which is the
/// order a node published them in).
/// </summary>
public sealed class RedisRelay(IConnectionMultiplexer redis, ILogger<RedisRelay> logger) : IAsyncDisposable
{
    public const string EventsChannel = "mul:relay:events";
    public const string DaemonHintsChannel = "mul:relay:daemon-hints";
    public const string EvictionsChannel = "mul:relay:evictions";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ChannelMessageQueue> _queues = [];
    private long _published, _received, _skipped;

    /// <summary>This process's id on the relay; messages carrying it are its own and are ignored on receipt.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>Messages this node sent to the other nodes (the place for a "relayed out" metric).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages from other nodes this node handed to its local handlers (the "relayed in" metric).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages not sent because Redis was unreachable (their local delivery still happened).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public void Publish<T>(string channel, T body)
    {
        if (!redis.IsConnected)
        {
            Interlocked.Increment(ref _skipped);
            return;
        }
        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(NodeId, body), RelayJson.Options);
            redis.GetSubscriber().Publish(RedisChannel.Literal(channel), message, CommandFlags.FireAndForget);
            Interlocked.Increment(ref _published);
            MulticaMetrics.EventsRelayed.Add(1, MulticaMetrics.Tags.Published);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _skipped);
            logger.LogDebug(ex, "relay publish on {Channel} skipped", channel);
        }
    }

    /// <summary>
    /// Tells <paramref name="changed"/> whenever the link to Redis goes down (false) or comes back (true), and once
    /// now when it is down already: while it is down, other nodes' messages may be missed.
    /// </summary>
    public void OnLinkChanged(Action<bool> changed)
    {
        redis.ConnectionFailed += (_, _) => changed(false);
        redis.ConnectionRestored += (_, _) => changed(redis.IsConnected);
        if (!redis.IsConnected)
            changed(false);
    }

    /// <summary>Starts handing other nodes' messages on the channel to the handler; retries until Redis answers.</summary>
    public void Subscribe<T>(string channel, Action<T> handler) => _ = Task.Run(async () =>
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
                lock (_queues)
                    _queues.Add(queue);
                queue.OnMessage(message => Handle(channel, message.Message, handler));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("relay subscription to {Channel} failed ({Message}); retrying", channel, ex.Message);
                try { await Task.Delay(RetryDelay, _stopping.Token); } catch (OperationCanceledException) { return; }
            }
        }
    });

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
            if (envelope is null || envelope.Node == NodeId || envelope.Body is null)
                return;
            Interlocked.Increment(ref _received);
            MulticaMetrics.EventsRelayed.Add(1, MulticaMetrics.Tags.Received);
            handler(envelope.Body);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "relay message on {Channel} could not be handled", channel);
        }
    }

    /// <summary>True when the message's first property is this node's id (Publish writes "node" first).</summary>
    private bool IsOwn(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("node"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var node) && node == NodeId;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        List<ChannelMessageQueue> queues;
        lock (_queues)
            queues = [.. _queues];
        foreach (var queue in queues)
        {
            try { await queue.UnsubscribeAsync(); } catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException) { }
        }
        _stopping.Dispose();
    }

    private sealed record Envelope<T>(Guid Node, T Body);
}

/// <summary>The relay's own JSON: compact, snake_case, so the messages are readable with redis-cli MONITOR.</summary>
internal static class RelayJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
