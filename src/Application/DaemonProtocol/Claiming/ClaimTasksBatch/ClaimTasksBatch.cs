using Multica.Application.Common.Timing;
using Multica.Application.Runtimes;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using Multica.Domain.Entities;

namespace Multica.Application.DaemonProtocol.Claiming.ClaimTasksBatch;

/// <summary>
/// POST /api/daemon/tasks/claim (and /api/daemon/claim) — the newer daemons' machine-level claim over
/// all their runtimes in one call (docs/daemon-protocol.md). Unknown, foreign or other-daemon runtime
/// ids are skipped; a task that fails its checks is taken back and omitted, never failing the batch.
/// </summary>
[SlowRequestLog("claim_endpoint slow")]
public sealed record ClaimTasksBatchCommand(string DaemonId, IReadOnlyList<string> RuntimeIds, int MaxTasks) : ICommand<ClaimTasksBatchResponse>;

/// <summary>The wire body of a batch claim, shared by the HTTP route and the tasks.claim RPC over the daemon WebSocket.</summary>
public sealed record BatchClaimRequest(string? DaemonId, List<string?>? RuntimeIds, int? MaxTasks)
{
    public ClaimTasksBatchCommand ToCommand() =>
        new(DaemonId ?? "", (RuntimeIds ?? []).Select(id => id ?? "").ToList(), MaxTasks ?? 0);
}

public sealed record ClaimTasksBatchResponse(IReadOnlyList<TaskDto> Tasks);

public sealed class ClaimTasksBatchValidator : AbstractValidator<ClaimTasksBatchCommand>
{
    public ClaimTasksBatchValidator() =>
        RuleFor(x => x.DaemonId).NotEmpty().WithMessage("daemon_id is required");
}

public sealed class ClaimTasksBatchHandler(
    ICallerContext callerContext,
    DaemonWorkspaceAccess access,
    IRuntimeRepository runtimes,
    PollingClaimer claimer) : ICommandHandler<ClaimTasksBatchCommand, ClaimTasksBatchResponse>
{
    public const int MaxTasksCap = 32;
    private static readonly ClaimTasksBatchResponse None = new([]);

    public async ValueTask<ClaimTasksBatchResponse> Handle(ClaimTasksBatchCommand command, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (caller.Kind == CallerKind.DaemonToken && caller.DaemonId != command.DaemonId)
            throw new ForbiddenException("daemon_id does not match token");
        if (command.MaxTasks < 0)
            throw new BadRequestException("max_tasks must not be negative");
        if (command.MaxTasks == 0)
            return None;

        var ids = command.RuntimeIds.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
            return None;
        var kept = new List<AgentRuntime>();
        foreach (var runtime in await runtimes.FindManyAsync(ids, ct))
            if ((runtime.DaemonId is null || runtime.DaemonId == command.DaemonId) && await access.CanAccessAsync(runtime.WorkspaceId, ct))
                kept.Add(runtime);
        if (kept.Count == 0)
            return None;

        var outcomes = await claimer.ClaimAsync(kept, Math.Min(command.MaxTasks, MaxTasksCap), ct);
        return new ClaimTasksBatchResponse(outcomes.Where(o => o.Rejection == ClaimRejection.None).Select(o => o.Task).ToList());
    }
}
