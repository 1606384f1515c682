using Multica.WebApi.Realtime.Frames;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Multica.Application.Common.Interfaces;
using Multica.WebApi.Infrastructure;
using Multica.Application.Common.Observability;

namespace Multica.WebApi.Realtime;

/// <summary>One browser socket: its workspace, user, joined rooms and a bounded outbound queue.</summary>
public sealed class RealtimeConnection(Guid workspaceId, Guid userId)
{
    /// <summary>Upstream's per-connection queue size: a client that falls this far behind is evicted.</summary>
    public const int QueueCapacity = 256;

    public Guid Id { get; } = Guid.NewGuid();
    public Guid WorkspaceId { get; } = workspaceId;
    public Guid UserId { get; } = userId;
    public ConcurrentDictionary<string, byte> Rooms { get; } = new();
    public Channel<string> Outbound { get; } = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues a frame; false when the queue is full or closed.</summary>
    public bool TryEnqueue(string frame) => Outbound.Writer.TryWrite(frame);
}

/// <summary>
/// Single-node fan-out of published events to /ws connections (docs/realtime.md): personal events to
/// the user's sockets, workspace events to the workspace room, workspace-less daemon:* events to everybody.
/// </summary>
public sealed class RealtimeHub : IDisposable
{
    private readonly ConcurrentDictionary<Guid, RealtimeConnection> _connections = new();
    private readonly IDisposable _subscription;
    private readonly ILogger<RealtimeHub> _logger;

    public RealtimeHub(IEventSubscriber events, ILogger<RealtimeHub> logger)
    {
        _logger = logger;
        _subscription = events.Subscribe(Deliver);
    }

    public int ConnectionCount => _connections.Count;

    public void Add(RealtimeConnection connection)
    {
        if (_connections.TryAdd(connection.Id, connection))
            MulticaMetrics.RealtimeClients.Add(1);
    }

    public void Remove(RealtimeConnection connection)
    {
        if (_connections.TryRemove(connection.Id, out _))
            MulticaMetrics.RealtimeClients.Add(-1);
        connection.Outbound.Writer.TryComplete();
    }

    public static string Frame(RealtimeEvent evt) => JsonSerializer.Serialize(RealtimeEventFrame.Of(evt), JsonDefaults.Options);

    private void Deliver(RealtimeEvent evt)
    {
        Func<RealtimeConnection, bool>? audience =
            evt.UserId is { } user ? c => c.UserId == user
            : evt.WorkspaceId is { } workspace ? c => c.WorkspaceId == workspace
            : evt.Type.StartsWith("daemon:", StringComparison.Ordinal) ? _ => true
            : null;
        if (audience is null || _connections.IsEmpty)
            return;

        string? frame = null;
        foreach (var connection in _connections.Values)
        {
            if (!audience(connection))
                continue;
            frame ??= Frame(evt);
            if (!connection.TryEnqueue(frame))
            {
                // A slow consumer must not hold up everybody else: evict it, as upstream does.
                _logger.LogInformation("evicting slow realtime connection {ConnectionId}", connection.Id);
                Remove(connection);
            }
        }
    }

    public void Dispose() => _subscription.Dispose();
}
