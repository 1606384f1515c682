using Multica.Application.Common.Realtime;
using Multica.Application.Tasks.Lifecycle;
using Multica.Application.Runtimes.Events;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.Runtimes.DeleteRuntime;

/// <summary>DELETE /api/runtimes/{runtimeId} (docs/api.md).</summary>
public sealed record DeleteRuntimeCommand(string RuntimeId) : ICommand<Unit>;

public sealed class DeleteRuntimeHandler(
    RuntimeAccess runtimeAccess,
    ICallerContext caller,
    IRuntimeRepository runtimes,
    ITransactionRunner transactions,
    IAccessRepository access,
    IRuntimeLiveness liveness,
    IEventPublisher events) : ICommandHandler<DeleteRuntimeCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteRuntimeCommand command, CancellationToken ct)
    {
        var (runtime, member) = await runtimeAccess.RequireAsync(command.RuntimeId, ct);
        var userId = caller.RequireUserId();
        if (!MemberRole.IsOwnerOrAdmin(member.Role) && runtime.OwnerId != userId)
            throw new ForbiddenException("you can only delete your own runtimes");

        await transactions.RunAsync(async token =>
        {
            if (await runtimes.HasActiveAgentsAsync(runtime.Id, token))
                throw new ConflictException(
                    "cannot delete runtime: it has active agents bound to it. Archive or reassign the agents first.");
            await runtimes.DeleteWithArchivedAgentsAsync(runtime.Id, token);
            return true;
        }, ct);
        access.EvictRuntime(runtime.Id);
        liveness.Forget([runtime.Id]);

        events.Publish(new RealtimeEvent(EventTypes.DaemonRegister, DaemonRegisterPayload.Changed("delete"),
            runtime.WorkspaceId, ActorType.Member, userId));
        return Unit.Value;
    }
}
