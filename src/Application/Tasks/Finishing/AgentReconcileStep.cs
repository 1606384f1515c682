namespace Multica.Application.Tasks.Finishing;

/// <summary>Reconciles the task's agent now, or once at the end of a batch.</summary>
public sealed class AgentReconcileStep(AgentReconciler reconciler) : ITaskFinishStep
{
    public Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        if (!batch.ReconcileAtEnd)
            return reconciler.ReconcileAsync(finished.Task.AgentId, ct);
        if (!batch.AgentsToReconcile.Contains(finished.Task.AgentId))
            batch.AgentsToReconcile.Add(finished.Task.AgentId);
        return Task.CompletedTask;
    }
}
