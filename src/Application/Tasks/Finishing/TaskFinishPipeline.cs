namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// The side effects of finished tasks, run after the transition commits, in one fixed order
/// (docs/task-state-machine.md, "Finish pipeline"). Every step runs for every task and skips itself when it
/// does not apply; a batch reconciles each agent once after all its tasks.
/// </summary>
public sealed class TaskFinishPipeline(
    InfrastructureRetryStep retry,
    FallbackCommentStep fallbackComment,
    FailureCommentStep failureComment,
    ChatTurnStep chatTurn,
    IssueResetStep issueReset,
    AgentReconcileStep reconcile,
    FinishedEventStep finishedEvent,
    TaskActivityStep activity,
    AutopilotRunSyncStep autopilotRun,
    IssueExecutedAnalyticsStep analytics,
    AgentReconciler reconciler)
{
    private IEnumerable<ITaskFinishStep> Steps =>
        [retry, fallbackComment, failureComment, chatTurn, issueReset, reconcile, finishedEvent, activity, autopilotRun, analytics];

    /// <summary>Runs the pipeline for one task.</summary>
    public Task RunAsync(FinishedTask finished, CancellationToken ct) => RunAsync([finished], reconcileAtEnd: false, ct);

    /// <summary>Runs the pipeline for tasks finished together; returns the number of retries queued.</summary>
    public async Task<int> RunAsync(IReadOnlyList<FinishedTask> finished, bool reconcileAtEnd, CancellationToken ct)
    {
        var batch = new FinishBatch(reconcileAtEnd);
        foreach (var task in finished)
            foreach (var step in Steps)
                await step.RunAsync(task, batch, ct);
        foreach (var agent in batch.AgentsToReconcile)
            await reconciler.ReconcileAsync(agent, ct);
        return batch.Retries;
    }
}
