using System.Text.Json.Serialization;

namespace Multica.Application.DaemonProtocol.Socket.Frames;

/// <summary>daemon:runtime_profiles_changed: {workspace_id, runtime_profile_id (when one profile changed)}.</summary>
public sealed record RuntimeProfilesChangedFrame(
    [property: JsonPropertyName("workspace_id")] string WorkspaceId,
    [property: JsonPropertyName("runtime_profile_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RuntimeProfileId)
{
    public const string Type = "daemon:runtime_profiles_changed";

    public static RuntimeProfilesChangedFrame Of(Guid workspaceId, Guid? runtimeProfileId) =>
        new(workspaceId.ToString(), runtimeProfileId?.ToString());
}
