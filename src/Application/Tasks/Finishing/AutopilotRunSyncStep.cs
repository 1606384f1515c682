using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;

namespace Multica.Application.Tasks.Finishing;

/// <summary>A run_only autopilot run ends with its task (completed → completed, otherwise failed).</summary>
public sealed class AutopilotRunSyncStep(ITaskContextRepository context, TaskEvents events, TimeProvider time, ILogger<AutopilotRunSyncStep> logger)
    : TurnFinishStep
{
    public override async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var task = finished.Task;
        if (task.AutopilotRunId is not { } runId)
            return;
        try
        {
            var completed = task.Status == AgentTaskStatus.Completed;
            var run = await context.FinishAutopilotRunAsync(runId,
                completed ? AutopilotRunStatus.Completed : AutopilotRunStatus.Failed,
                completed ? task.Result : null,
                completed ? null : task.Error ?? $"task {task.Status}",
                time.GetUtcNow().UtcDateTime, ct);
            if (run is not null && finished.WorkspaceId is { } ws)
                events.AutopilotRunDone(run, ws);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "autopilot run sync failed for task {TaskId}", task.Id);
        }
    }
}
