using Multica.Application.Common.Realtime;
using Multica.Application.Autopilots.Events;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Autopilots.Shared;

namespace Multica.Application.Autopilots.DeleteAutopilot;

/// <summary>DELETE /api/autopilots/{id}.</summary>
public sealed record DeleteAutopilotCommand(string WorkspaceId, string AutopilotId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeleteAutopilotHandler(ICallerContext caller, AutopilotAccess access, IAutopilotRepository autopilots, IEventPublisher events)
    : ICommandHandler<DeleteAutopilotCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteAutopilotCommand command, CancellationToken ct)
    {
        var autopilot = await access.RequireAsync(command.AutopilotId, ct);
        await autopilots.DeleteAsync(autopilot.Id, ct);
        events.Publish(new RealtimeEvent(EventTypes.AutopilotDeleted, new AutopilotDeletedPayload(autopilot.Id),
            autopilot.WorkspaceId, ActorType.Member, caller.RequireUserId()));
        return Unit.Value;
    }
}
