using System.Text.Json.Serialization;

namespace Multica.Application.Tasks.Events;

/// <summary>autopilot:run_done: {run_id, autopilot_id, status}.</summary>
public sealed record AutopilotRunDonePayload(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("autopilot_id")] string AutopilotId,
    [property: JsonPropertyName("status")] string Status);
