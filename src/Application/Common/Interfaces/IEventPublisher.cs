namespace Multica.Application.Common.Interfaces;

/// <summary>
/// A realtime event as the web clients see it: {"type", "payload", "actor_id"} routed to a workspace
/// (or to one user, or to everybody when both are null).
/// </summary>
public sealed record RealtimeEvent(
    string Type,
    object Payload,
    Guid? WorkspaceId = null,
    string? ActorType = null,
    Guid? ActorId = null,
    Guid? UserId = null)
{
    /// <summary>
    /// True when the event was published on another node and relayed here: it is delivered to this node's
    /// sockets, but server-side reactions (inbox, subscriptions) run only on the node that published it
    /// (docs/scaling.md).
    /// </summary>
    public bool FromOtherNode { get; init; }
}

/// <summary>Publishes events after the state change committed. Transport (in-process, WebSocket, Redis) is behind it.</summary>
public interface IEventPublisher
{
    void Publish(RealtimeEvent evt);
}
