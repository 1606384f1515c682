using Multica.Application.Runtimes.Events;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;
using Multica.Application.PendingRequests;
using Multica.Application.Runtimes;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonProtocol.Presence.Heartbeat;

/// <summary>
/// POST /api/daemon/heartbeat — keeps a runtime online and hands out pending side-channel requests.
/// runtime_id is checked before the access check, as upstream does. The daemon WebSocket sends the
/// same command for its daemon:heartbeat frames.
/// </summary>
[SlowRequestLog("heartbeat_endpoint slow")]
public sealed record HeartbeatCommand(string RuntimeId) : ICommand<IReadOnlyDictionary<string, object>>, IDaemonRuntimeScoped, IValidatedBeforeAccess;

public sealed class HeartbeatValidator : AbstractValidator<HeartbeatCommand>
{
    public HeartbeatValidator() => RuleFor(x => x.RuntimeId).NotEmpty().WithMessage("runtime_id is required");
}

public sealed class HeartbeatHandler(
    AccessScope scope,
    IRuntimeLiveness liveness,
    IHeartbeatPendingWork pendingWork,
    TaskEvents events,
    IRequestTimings timings,
    TimeProvider time) : ICommandHandler<HeartbeatCommand, IReadOnlyDictionary<string, object>>
{
    public async ValueTask<IReadOnlyDictionary<string, object>> Handle(HeartbeatCommand command, CancellationToken ct)
    {
        var runtime = scope.RequireRuntime();
        RuntimeTouch touch;
        using (timings.Measure("update"))
            touch = await liveness.TouchAsync(runtime.Id, time.GetUtcNow().UtcDateTime, ct);
        if (!touch.Found)
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        // A runtime coming back is announced so web clients refetch the runtime list.
        if (touch.WasOffline)
            events.DaemonRegister(runtime.WorkspaceId, DaemonRegisterPayload.Changed("online"));

        var response = new Dictionary<string, object> { ["status"] = "ok" };
        IReadOnlyDictionary<string, object> pending;
        using (timings.Measure("pending"))
            pending = await pendingWork.CollectAsync(runtime, ct);
        foreach (var (key, value) in pending)
            response[key] = value;
        return response;
    }
}
