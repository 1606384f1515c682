using Multica.Application.Autopilots.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Autopilots.Events;

/// <summary>autopilot:created and autopilot:updated: {autopilot}.</summary>
public sealed record AutopilotPayload(
    [property: JsonPropertyName("autopilot")] AutopilotDto Autopilot);
