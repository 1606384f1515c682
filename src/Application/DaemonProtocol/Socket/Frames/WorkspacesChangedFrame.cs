namespace Multica.Application.DaemonProtocol.Socket.Frames;

/// <summary>daemon:workspaces_changed: an empty object; the daemon refetches its workspace list.</summary>
public sealed record WorkspacesChangedFrame
{
    public const string Type = "daemon:workspaces_changed";

    public static readonly WorkspacesChangedFrame Instance = new();
}
