using Multica.Application.DaemonProtocol.Socket.Frames;
using Multica.Application.DaemonProtocol.Socket;
using System.Collections.Concurrent;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Observability;
using Multica.Application.Tasks.Claiming;
using Multica.Application.PendingRequests;

namespace Multica.Infrastructure.DaemonSocket;

/// <summary>
/// Fan-out to the daemon sockets connected to this node. Single node: every hint is delivered here.
/// Several nodes: an implementation of <see cref="IDaemonPush"/>/<see cref="IDaemonWakeups"/> publishes
/// each hint on a Redis channel and every node hands it to its own <see cref="LocalDaemonHub"/>
/// (see docs/daemon-websocket.md); the socket code does not change.
/// </summary>
public sealed class LocalDaemonHub(EmptyQueueMarks emptyQueues, NothingPendingMarks nothingPending)
    : IDaemonConnectionRegistry, IDaemonPush, IDaemonWakeups
{
    private readonly ConcurrentDictionary<Guid, IDaemonConnection> _connections = new();

    public int ConnectionCount => _connections.Count;

    public IDisposable Register(IDaemonConnection connection)
    {
        _connections[connection.ConnectionId] = connection;
        MulticaMetrics.DaemonSockets.Add(1);
        return new Registration(() =>
        {
            if (_connections.TryRemove(connection.ConnectionId, out _))
                MulticaMetrics.DaemonSockets.Add(-1);
        });
    }

    public void TaskAvailable(Guid runtimeId, Guid? taskId = null)
    {
        // Several nodes hand every wake-up to every node's hub: an enqueue anywhere clears this node's empty mark.
        emptyQueues.Invalidate(runtimeId);
        Send(c => c.RuntimeIds.Contains(runtimeId), TaskAvailableFrame.Type, TaskAvailableFrame.Of(runtimeId, taskId));
    }

    public void PendingWork(Guid runtimeId, string kind)
    {
        // Every create of a pending request ends here, on its node and (relayed) on every other one.
        nothingPending.Invalidate(runtimeId);
        Send(c => c.RuntimeIds.Contains(runtimeId), PendingWorkFrame.Type, PendingWorkFrame.Of(runtimeId, kind));
    }

    public void WorkspacesChangedForUser(Guid userId) =>
        Send(c => c.UserId == userId, WorkspacesChangedFrame.Type, WorkspacesChangedFrame.Instance);

    public void WorkspacesChangedForWorkspace(Guid workspaceId) =>
        Send(c => c.WorkspaceIds.Contains(workspaceId), WorkspacesChangedFrame.Type, WorkspacesChangedFrame.Instance);

    public void RuntimeProfilesChanged(Guid workspaceId, Guid? runtimeProfileId = null) =>
        Send(c => c.WorkspaceIds.Contains(workspaceId), RuntimeProfilesChangedFrame.Type,
            RuntimeProfilesChangedFrame.Of(workspaceId, runtimeProfileId));

    // A linear scan: a node holds at most a few thousand daemon sockets and hints are rare next to
    // heartbeats. An index by runtime would be the next step if that changes.
    private void Send(Func<IDaemonConnection, bool> match, string type, object payload)
    {
        foreach (var connection in _connections.Values)
            if (match(connection) && connection.TrySend(type, payload))
                MulticaMetrics.Wakeups.Add(1, MulticaMetrics.Tag("type", type));
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
