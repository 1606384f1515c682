namespace Multica.Application.Common.Interfaces;

/// <summary>Wakes daemons waiting for work on a runtime (daemon WebSocket); a no-op without one.</summary>
public interface IDaemonWakeups
{
    void TaskAvailable(Guid runtimeId, Guid? taskId = null);
}
