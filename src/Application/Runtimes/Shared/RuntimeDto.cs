using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Runtimes.Shared;

/// <summary>The runtime object of docs/daemon-protocol.md (all 14 keys always present).</summary>
public sealed record RuntimeDto(
    Guid Id,
    Guid WorkspaceId,
    string? DaemonId,
    string Name,
    string RuntimeMode,
    string Provider,
    string LaunchHeader,
    string Status,
    string DeviceInfo,
    JsonElement Metadata,
    Guid? OwnerId,
    DateTime? LastSeenAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    private static readonly Dictionary<string, string> LaunchHeaders = new(StringComparer.Ordinal)
    {
        ["claude"] = "claude (stream-json)",
        ["codex"] = "codex app-server",
        ["copilot"] = "copilot (json)",
        ["cursor"] = "cursor-agent (stream-json)",
        ["gemini"] = "gemini (stream-json)",
        ["hermes"] = "hermes acp",
        ["openclaw"] = "openclaw agent (json)",
        ["opencode"] = "opencode run (json)",
        ["pi"] = "pi (json mode)",
        ["kimi"] = "kimi acp",
    };

    public static string LaunchHeaderFor(string provider) => LaunchHeaders.GetValueOrDefault(provider, "");

    public static RuntimeDto From(AgentRuntime r)
    {
        var metadata = JsonText.Parse(r.Metadata, "{}");
        if (metadata.ValueKind == JsonValueKind.Null)
            metadata = JsonText.Parse("{}", "{}");
        return new RuntimeDto(r.Id, r.WorkspaceId, r.DaemonId, r.Name, r.RuntimeMode, r.Provider, LaunchHeaderFor(r.Provider),
            r.Status, r.DeviceInfo, metadata, r.OwnerId, r.LastSeenAt, r.CreatedAt, r.UpdatedAt);
    }
}
