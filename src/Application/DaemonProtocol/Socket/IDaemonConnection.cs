namespace Multica.Application.DaemonProtocol.Socket;

/// <summary>One open daemon WebSocket as the fan-out sees it.</summary>
public interface IDaemonConnection
{
    Guid ConnectionId { get; }
    IReadOnlySet<Guid> RuntimeIds { get; }
    IReadOnlySet<Guid> WorkspaceIds { get; }
    /// <summary>The user in user mode (PAT/JWT); null for an mdt_ daemon token.</summary>
    Guid? UserId { get; }

    /// <summary>Queues a frame without waiting; false when the connection is closing or hopelessly behind.</summary>
    bool TrySend(string type, object payload);
}
