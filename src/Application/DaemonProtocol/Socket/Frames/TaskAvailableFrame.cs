using System.Text.Json.Serialization;

namespace Multica.Application.DaemonProtocol.Socket.Frames;

/// <summary>daemon:task_available: {runtime_id, task_id (when one task is meant)}.</summary>
public sealed record TaskAvailableFrame(
    [property: JsonPropertyName("runtime_id")] string RuntimeId,
    [property: JsonPropertyName("task_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TaskId)
{
    public const string Type = "daemon:task_available";

    public static TaskAvailableFrame Of(Guid runtimeId, Guid? taskId) => new(runtimeId.ToString(), taskId?.ToString());
}
