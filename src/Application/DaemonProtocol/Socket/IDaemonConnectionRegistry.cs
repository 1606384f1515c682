namespace Multica.Application.DaemonProtocol.Socket;

/// <summary>The sockets connected to this node. Each socket registers for its lifetime.</summary>
public interface IDaemonConnectionRegistry
{
    IDisposable Register(IDaemonConnection connection);
}
