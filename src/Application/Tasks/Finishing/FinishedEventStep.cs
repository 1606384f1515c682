using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.Tasks.Finishing;

/// <summary>task:completed, task:failed or task:cancelled.</summary>
public sealed class FinishedEventStep(TaskEvents events) : TurnFinishStep
{
    public override Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        events.Finished(finished.Task, finished.WorkspaceId);
        return Task.CompletedTask;
    }
}
