using Multica.Application.Pins.ReorderPins;
using System.Text.Json.Serialization;

namespace Multica.Application.Pins.Events;

/// <summary>pin:reordered: {items} as the client sent them.</summary>
public sealed record PinsReorderedPayload(
    [property: JsonPropertyName("items")] IReadOnlyList<PinPosition> Items);
