namespace Multica.Application.DaemonProtocol.Socket;

/// <summary>
/// Server → daemon hints over the daemon WebSocket (docs/daemon-websocket.md). Fire-and-forget:
/// every hint has an HTTP fallback on the daemon side (polling), so a lost hint only costs latency.
/// The single-node implementation delivers to this node's sockets; a multi-node one relays through
/// Redis so the node holding the socket delivers it. Task wake-ups go through
/// <see cref="Common.Interfaces.IDaemonWakeups"/>, implemented by the same fan-out.
/// </summary>
public interface IDaemonPush
{
    /// <summary>daemon:pending_work to the sockets holding the runtime (a heartbeat-delivered request was created).</summary>
    void PendingWork(Guid runtimeId, string kind);

    /// <summary>daemon:workspaces_changed to the user's sockets (membership changed).</summary>
    void WorkspacesChangedForUser(Guid userId);

    /// <summary>daemon:workspaces_changed to the sockets serving a runtime of the workspace (renamed, deleted, members changed).</summary>
    void WorkspacesChangedForWorkspace(Guid workspaceId);

    /// <summary>daemon:runtime_profiles_changed to the sockets serving a runtime of the workspace.</summary>
    void RuntimeProfilesChanged(Guid workspaceId, Guid? runtimeProfileId = null);
}
