using Multica.Application.Common.Realtime;
using Multica.Application.Subscriptions.Events;
using Multica.Application.Common.Interfaces;

namespace Multica.Application.Subscriptions.Shared;

/// <summary>subscriber:added / subscriber:removed, broadcast to the workspace.</summary>
public sealed class SubscriberEvents(IEventPublisher publisher)
{

    public void SubscriberAdded(Guid workspaceId, Guid issueId, string userType, Guid userId, string reason,
        string? actorType = null, Guid? actorId = null) =>
        publisher.Publish(new RealtimeEvent(EventTypes.SubscriberAdded, new SubscriberAddedPayload(issueId, userType, userId, reason),
            workspaceId, actorType, actorId));

    public void SubscriberRemoved(Guid workspaceId, Guid issueId, string userType, Guid userId, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(EventTypes.SubscriberRemoved, new SubscriberRemovedPayload(issueId, userType, userId),
            workspaceId, actorType, actorId));
}
