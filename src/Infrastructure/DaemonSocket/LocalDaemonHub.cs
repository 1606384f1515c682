using Multica.Application.DaemonProtocol.Socket;
using System.Collections.Concurrent;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.DaemonSocket;

/// <summary>
/// Fan-out to the daemon sockets connected to this node. Single node: every hint is delivered here.
/// Several nodes: an implementation of <see cref="IDaemonPush"/>/<see cref="IDaemonWakeups"/> publishes
/// each hint on a Redis channel and every node hands it to its own <see cref="LocalDaemonHub"/>
/// (see docs/daemon-websocket.md); the socket code does not change.
/// </summary>
public sealed class LocalDaemonHub : IDaemonConnectionRegistry, IDaemonPush, IDaemonWakeups
{
    private readonly ConcurrentDictionary<Guid, IDaemonConnection> _connections = new();

    public int ConnectionCount => _connections.Count;

    public IDisposable Register(IDaemonConnection connection)
    {
        _connections[connection.ConnectionId] = connection;
        return new Registration(() => _connections.TryRemove(connection.ConnectionId, out _));
    }

    public void TaskAvailable(Guid runtimeId, Guid? taskId = null) =>
        Send(c => c.RuntimeIds.Contains(runtimeId), "daemon:task_available",
            taskId is { } id ? new { runtime_id = runtimeId.ToString(), task_id = id.ToString() } : new { runtime_id = runtimeId.ToString() });

    public void PendingWork(Guid runtimeId, string kind) =>
        Send(c => c.RuntimeIds.Contains(runtimeId), "daemon:pending_work", new { runtime_id = runtimeId.ToString(), kind });

    public void WorkspacesChangedForUser(Guid userId) =>
        Send(c => c.UserId == userId, "daemon:workspaces_changed", new { });

    public void WorkspacesChangedForWorkspace(Guid workspaceId) =>
        Send(c => c.WorkspaceIds.Contains(workspaceId), "daemon:workspaces_changed", new { });

    public void RuntimeProfilesChanged(Guid workspaceId, Guid? runtimeProfileId = null) =>
        Send(c => c.WorkspaceIds.Contains(workspaceId), "daemon:runtime_profiles_changed",
            runtimeProfileId is { } id
                ? new { workspace_id = workspaceId.ToString(), runtime_profile_id = id.ToString() }
                : new { workspace_id = workspaceId.ToString() });

    // A linear scan: a node holds at most a few thousand daemon sockets and hints are rare next to
    // heartbeats. An index by runtime would be the next step if that changes.
    private void Send(Func<IDaemonConnection, bool> match, string type, object payload)
    {
        foreach (var connection in _connections.Values)
            if (match(connection))
                connection.TrySend(type, payload);
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                dispose();
        }
    }
}
