using System.Text.Json.Serialization;

namespace Multica.Application.DaemonProtocol.Socket.Frames;

/// <summary>
/// daemon:heartbeat_ack of a heartbeat sent over the socket: {runtime_id, status "ok", server_capabilities} plus the
/// heartbeat's pending-work keys (the same keys the HTTP heartbeat answers with).
/// </summary>
public sealed class HeartbeatAckFrame
{
    public const string Type = "daemon:heartbeat_ack";

    [JsonPropertyName("runtime_id")] public string RuntimeId { get; private init; } = "";
    [JsonPropertyName("status")] public string Status => "ok";
    [JsonPropertyName("server_capabilities")] public IReadOnlyList<string> ServerCapabilities { get; private init; } = [];
    [JsonExtensionData] public Dictionary<string, object> Pending { get; private init; } = [];

    /// <summary>The ack of a heartbeat whose HTTP-shaped answer is <paramref name="heartbeat"/> ({status, pending_*…}).</summary>
    public static HeartbeatAckFrame Ok(string runtimeId, IReadOnlyList<string> capabilities, IReadOnlyDictionary<string, object> heartbeat) => new()
    {
        RuntimeId = runtimeId,
        ServerCapabilities = capabilities,
        Pending = heartbeat.Where(kv => kv.Key is not ("runtime_id" or "status" or "server_capabilities"))
            .ToDictionary(kv => kv.Key, kv => kv.Value),
    };
}
