using System.Text.Json;

namespace Multica.Application.DaemonProtocol.Workspaces;

/// <summary>
/// The workspace settings object as register and repos answer it (docs/daemon-protocol.md): the
/// daemon reads github_enabled and co_authored_by_enabled. Anything but a JSON object is omitted.
/// </summary>
public static class WorkspaceSettings
{
    public static JsonElement? ForDaemon(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(stored);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
