using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;

namespace Multica.Application.Pins.Shared;

/// <summary>pin:created {pin}, pin:deleted {item_type, item_id}, pin:reordered {items}, to the workspace.</summary>
public sealed class PinEvents(IEventPublisher publisher)
{
    public void Created(PinDto pin) => Publish("pin:created", pin.WorkspaceId, pin.UserId, new Dictionary<string, object?> { ["pin"] = pin });

    public void Deleted(Guid workspaceId, Guid userId, string itemType, string itemId) => Publish("pin:deleted", workspaceId, userId,
        new Dictionary<string, object?> { ["item_type"] = itemType, ["item_id"] = itemId });

    public void Reordered(Guid workspaceId, Guid userId, object items) => Publish("pin:reordered", workspaceId, userId,
        new Dictionary<string, object?> { ["items"] = items });

    private void Publish(string type, Guid workspaceId, Guid userId, object payload) =>
        publisher.Publish(new RealtimeEvent(type, payload, workspaceId, ActorType.Member, userId));
}
