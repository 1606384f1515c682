namespace Multica.Application.Tasks.Finishing;

/// <summary>Reconciles the task's agent in the task's round trip, or once at the end of a batch.</summary>
public sealed class AgentReconcileStep(AgentReconciler reconciler) : ITaskFinishStep
{
    public ValueTask<Func<Task>?> QueueAsync(FinishedTask finished, FinishBatch batch, IFinishStatements statements, CancellationToken ct)
    {
        var agentId = finished.Task.AgentId;
        if (batch.ReconcileAtEnd)
        {
            if (!batch.AgentsToReconcile.Contains(agentId))
                batch.AgentsToReconcile.Add(agentId);
            return FinishTurn.None;
        }
        var reconciled = reconciler.Queue(agentId, statements);
        return FinishTurn.Of(() => reconciler.AnnounceAsync(agentId, reconciled, ct));
    }
}
