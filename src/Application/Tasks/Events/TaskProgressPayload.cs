using System.Text.Json.Serialization;

namespace Multica.Application.Tasks.Events;

/// <summary>task:progress: {task_id, summary, step (when not 0), total (when not 0)}.</summary>
public sealed record TaskProgressPayload(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("step"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Step,
    [property: JsonPropertyName("total"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Total);
