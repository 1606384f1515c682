using Multica.Application.Tasks.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Diagnostics;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Observability;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Claiming;

/// <summary>Why a claimed task was taken back instead of being handed out.</summary>
public enum ClaimRejection
{
    None,
    /// <summary>The task's workspace is empty or differs from its runtime's (defence in depth).</summary>
    WorkspaceIsolation,
    /// <summary>No runtime owner to bind the task-scoped token to.</summary>
    NoRuntimeOwner,
}

public sealed record ClaimOutcome(TaskDto Task, ClaimRejection Rejection);

/// <summary>
/// Claims for one or several runtimes (per-runtime claim and the machine-level batch claim share it):
/// one atomic repository call, one batched enrichment, then events and the safety checks.
/// </summary>
public sealed class TaskClaimer(
    ClaimedTaskBuilder builder,
    TaskTransitionService transitions,
    TaskEvents events,
    IAccessRepository access,
    IRequestTimings timings,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<TaskClaimer> logger)
{
    public async Task<IReadOnlyList<ClaimOutcome>> ClaimAsync(IReadOnlyList<AgentRuntime> runtimes, int maxTasks, CancellationToken ct)
    {
        if (runtimes.Count == 0 || maxTasks <= 0)
            return [];
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var request = new ClaimRequest(
            runtimes.Select(r => r.Id).ToList(), maxTasks, now,
            ReofferDispatchedBefore: now - settings.RedispatchGrace,
            PrepareLeaseUntil: now.AddSeconds(settings.PrepareLeaseSeconds),
            TokenExpiresAt: now.AddHours(settings.TaskTokenHours),
            ScanLimit: Math.Max(1, settings.ClaimScanLimit));

        IReadOnlyList<ClaimedTask> claimed;
        using (timings.Measure("claim"))
            claimed = await transitions.ClaimAsync(request, ct);
        if (claimed.Count == 0)
        {
            ClaimTelemetry.Empty(started);
            return [];
        }

        IReadOnlyList<ClaimedTaskBuilder.Built> built;
        using (timings.Measure("build"))
            built = await builder.BuildAsync(claimed, ct);

        var runtimeWorkspaces = runtimes.ToDictionary(r => r.Id, r => r.WorkspaceId);
        var outcomes = new List<ClaimOutcome>(built.Count);
        foreach (var item in built)
        {
            var task = item.Claimed.Task;
            var workspace = Guid.TryParse(item.Dto.WorkspaceId, out var ws) ? ws : (Guid?)null;
            if (item.Agent is not null)
                events.AgentStatus(item.Agent);
            events.Dispatched(task, workspace);

            var rejection = workspace is null || workspace != runtimeWorkspaces.GetValueOrDefault(task.RuntimeId)
                ? ClaimRejection.WorkspaceIsolation
                : item.Claimed.AuthToken is null ? ClaimRejection.NoRuntimeOwner : ClaimRejection.None;
            if (rejection != ClaimRejection.None)
            {
                logger.LogWarning("claimed task {TaskId} taken back: {Rejection}", task.Id, rejection);
                await transitions.CancelAsync(task.Id, ct);
            }
            else
                access.RememberTaskRef(TaskRef.Of(task, workspace!.Value)); // its next requests skip the access query
            ClaimTelemetry.Claimed(rejection, task.CreatedAt, now);
            outcomes.Add(new ClaimOutcome(item.Dto, rejection));
        }
        ClaimTelemetry.Finished(started);
        return outcomes;
    }
}
