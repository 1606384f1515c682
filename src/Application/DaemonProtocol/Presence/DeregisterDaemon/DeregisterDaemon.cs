using Multica.Application.Runtimes.Events;
using Multica.Application.Common.Security;
using Multica.Application.Common;
using Multica.Application.Runtimes;
using FluentValidation;
using Mediator;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonProtocol.Presence.DeregisterDaemon;

/// <summary>POST /api/daemon/deregister — runtimes go offline when their daemon stops; unknown or foreign ids are skipped silently.</summary>
public sealed record DeregisterDaemonCommand(IReadOnlyList<string> RuntimeIds) : ICommand<StatusOkDto>;

public sealed class DeregisterDaemonValidator : AbstractValidator<DeregisterDaemonCommand>
{
    public DeregisterDaemonValidator() =>
        RuleFor(x => x.RuntimeIds).NotEmpty().WithMessage("runtime_ids is required");
}

public sealed class DeregisterDaemonHandler(
    DaemonWorkspaceAccess access,
    IRuntimeRepository runtimes,
    TaskEvents events,
    IRuntimeLiveness liveness,
    TimeProvider time) : ICommandHandler<DeregisterDaemonCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(DeregisterDaemonCommand command, CancellationToken ct)
    {
        var ids = command.RuntimeIds.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty).Distinct().ToList();
        var found = ids.Count == 0 ? [] : await runtimes.FindManyAsync(ids, ct);

        var allowed = new List<Domain.Entities.AgentRuntime>();
        var decided = new Dictionary<Guid, bool>();
        foreach (var runtime in found)
        {
            if (!decided.TryGetValue(runtime.WorkspaceId, out var ok))
                decided[runtime.WorkspaceId] = ok = await access.CanAccessAsync(runtime.WorkspaceId, ct);
            if (ok)
                allowed.Add(runtime);
        }
        if (allowed.Count > 0)
        {
            await runtimes.SetOfflineAsync(allowed.Select(r => r.Id).ToList(), time.GetUtcNow().UtcDateTime, ct);
            liveness.Forget(allowed.Select(r => r.Id));
            foreach (var workspaceId in allowed.Select(r => r.WorkspaceId).Distinct())
                events.DaemonRegister(workspaceId, DaemonRegisterPayload.Changed("deregister"));
        }
        return StatusOkDto.Ok;
    }
}
