using System.Text.Json.Serialization;

namespace Multica.Application.DaemonProtocol.Socket.Frames;

/// <summary>daemon:pending_work: {runtime_id, kind}.</summary>
public sealed record PendingWorkFrame(
    [property: JsonPropertyName("runtime_id")] string RuntimeId,
    [property: JsonPropertyName("kind")] string Kind)
{
    public const string Type = "daemon:pending_work";

    public static PendingWorkFrame Of(Guid runtimeId, string kind) => new(runtimeId.ToString(), kind);
}
