using Multica.Application.Pins.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Pins.Events;

/// <summary>pin:created: {pin}.</summary>
public sealed record PinCreatedPayload(
    [property: JsonPropertyName("pin")] PinDto Pin);
