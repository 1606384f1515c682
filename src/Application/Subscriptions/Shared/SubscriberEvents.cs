using Multica.Application.Subscriptions.Events;
using Multica.Application.Common.Interfaces;

namespace Multica.Application.Subscriptions.Shared;

/// <summary>subscriber:added / subscriber:removed, broadcast to the workspace.</summary>
public sealed class SubscriberEvents(IEventPublisher publisher)
{
    public const string Added = "subscriber:added";
    public const string Removed = "subscriber:removed";

    public void SubscriberAdded(Guid workspaceId, Guid issueId, string userType, Guid userId, string reason,
        string? actorType = null, Guid? actorId = null) =>
        publisher.Publish(new RealtimeEvent(Added, new SubscriberAddedPayload(issueId, userType, userId, reason),
            workspaceId, actorType, actorId));

    public void SubscriberRemoved(Guid workspaceId, Guid issueId, string userType, Guid userId, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(Removed, new SubscriberRemovedPayload(issueId, userType, userId),
            workspaceId, actorType, actorId));
}
