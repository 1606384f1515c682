using System.Text.Json.Serialization;

namespace Multica.Application.Autopilots.Events;

/// <summary>autopilot:deleted: {autopilot_id}.</summary>
public sealed record AutopilotDeletedPayload(
    [property: JsonPropertyName("autopilot_id")] Guid AutopilotId);
