using System.Text.Json.Serialization;

namespace Multica.Application.Pins.Events;

/// <summary>pin:deleted: {item_type, item_id}.</summary>
public sealed record PinDeletedPayload(
    [property: JsonPropertyName("item_type")] string ItemType,
    [property: JsonPropertyName("item_id")] string ItemId);
