using System.Text.Json.Serialization;

namespace Multica.Application.DaemonProtocol.Socket.Frames;

/// <summary>daemon:heartbeat_ack for a runtime that no longer exists: {runtime_id, status "runtime_gone", runtime_gone true}.</summary>
public sealed record HeartbeatRuntimeGoneFrame(
    [property: JsonPropertyName("runtime_id")] string? RuntimeId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("runtime_gone")] bool RuntimeGone)
{
    public static HeartbeatRuntimeGoneFrame Of(string? runtimeId) => new(runtimeId, "runtime_gone", true);
}
