using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Daemon;

/// <summary>The runtime object of the wire contract (daemon-api.md §3.1); all 14 keys always present.</summary>
public sealed record RuntimeDto(
    string Id,
    string WorkspaceId,
    string? DaemonId,
    string Name,
    string RuntimeMode,
    string Provider,
    string LaunchHeader,
    string Status,
    string DeviceInfo,
    JsonElement Metadata,
    string? OwnerId,
    DateTime? LastSeenAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static RuntimeDto From(AgentRuntime r) => new(
        r.Id.ToString(), r.WorkspaceId.ToString(), r.DaemonId, r.Name, r.RuntimeMode, r.Provider,
        LaunchHeaderFor(r.Provider), r.Status, r.DeviceInfo,
        JsonText.ParseOrNull(r.Metadata) is { ValueKind: not JsonValueKind.Null } m ? m : JsonText.Parse("{}", "{}"),
        r.OwnerId?.ToString(), r.LastSeenAt, r.CreatedAt, r.UpdatedAt);

    /// <summary>How the daemon launches each agent CLI, shown in the UI; "" for unknown providers.</summary>
    public static string LaunchHeaderFor(string provider) => provider switch
    {
        "claude" => "claude (stream-json)",
        "codex" => "codex app-server",
        "copilot" => "copilot (json)",
        "cursor" => "cursor-agent (stream-json)",
        "gemini" => "gemini (stream-json)",
        "hermes" => "hermes acp",
        "openclaw" => "openclaw agent (json)",
        "opencode" => "opencode run (json)",
        "pi" => "pi (json mode)",
        "kimi" => "kimi acp",
        _ => "",
    };
}
