using System.Text.Json.Serialization;

namespace Multica.Application.Autopilots.Events;

/// <summary>autopilot:run_start: {run_id, autopilot_id, source, status}.</summary>
public sealed record AutopilotRunStartPayload(
    [property: JsonPropertyName("run_id")] Guid RunId,
    [property: JsonPropertyName("autopilot_id")] Guid AutopilotId,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("status")] string Status);
