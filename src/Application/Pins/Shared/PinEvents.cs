using Multica.Application.Common.Realtime;
using Multica.Application.Pins.ReorderPins;
using Multica.Application.Pins.Events;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;

namespace Multica.Application.Pins.Shared;

/// <summary>pin:created {pin}, pin:deleted {item_type, item_id}, pin:reordered {items}, to the workspace.</summary>
public sealed class PinEvents(IEventPublisher publisher)
{
    public void Created(PinDto pin) => Publish(EventTypes.PinCreated, pin.WorkspaceId, pin.UserId, new PinCreatedPayload(pin));

    public void Deleted(Guid workspaceId, Guid userId, string itemType, string itemId) => Publish(EventTypes.PinDeleted, workspaceId, userId,
        new PinDeletedPayload(itemType, itemId));

    public void Reordered(Guid workspaceId, Guid userId, IReadOnlyList<PinPosition> items) => Publish(EventTypes.PinReordered, workspaceId, userId,
        new PinsReorderedPayload(items));

    private void Publish(string type, Guid workspaceId, Guid userId, object payload) =>
        publisher.Publish(new RealtimeEvent(type, payload, workspaceId, ActorType.Member, userId));
}
