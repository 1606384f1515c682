using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;
using Multica.Application.Runtimes;

namespace Multica.Application.DaemonSocket;

/// <summary>
/// A daemon:heartbeat frame: the HTTP heartbeat's work (access check, liveness, pending requests)
/// for one runtime of the socket. A missing runtime is "runtime not found", which the socket turns
/// into an ack with runtime_gone.
/// </summary>
public sealed record SocketHeartbeatCommand(string RuntimeId) : ICommand<IReadOnlyDictionary<string, object>>, IDaemonRuntimeScoped;

public sealed class SocketHeartbeatHandler(AccessScope scope, IRuntimeLiveness liveness, IHeartbeatPendingWork pendingWork)
    : ICommandHandler<SocketHeartbeatCommand, IReadOnlyDictionary<string, object>>
{
    public async ValueTask<IReadOnlyDictionary<string, object>> Handle(SocketHeartbeatCommand command, CancellationToken ct)
    {
        var runtime = scope.RequireRuntime();
        var touch = await liveness.TouchAsync(runtime.Id, ct);
        if (!touch.Found)
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        return await pendingWork.CollectAsync(runtime, ct);
    }
}
