namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// The side effects of finished tasks, run after the transition commits, in one fixed order
/// (docs/task-state-machine.md, "Finish pipeline"). Every step runs for every task and skips itself when it
/// does not apply; a batch reconciles each agent once after all its tasks. For each task the steps first queue
/// their statements, which go to the database in one round trip, then take their turns in step order.
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
    AgentReconciler reconciler,
    IFinishStatements statements)
{
    private IEnumerable<ITaskFinishStep> Steps =>
        [retry, fallbackComment, failureComment, chatTurn, issueReset, reconcile, finishedEvent, activity, autopilotRun, analytics];

    /// <summary>Runs the pipeline for one task.</summary>
    public Task RunAsync(FinishedTask finished, CancellationToken ct) => RunAsync([finished], reconcileAtEnd: false, ct);

    /// <summary>Runs the pipeline for tasks finished together; returns the number of retries queued.</summary>
    public async Task<int> RunAsync(IReadOnlyList<FinishedTask> finished, bool reconcileAtEnd, CancellationToken ct)
    {
        var batch = new FinishBatch(reconcileAtEnd);
        var turns = new List<Func<Task>>();
        foreach (var task in finished)
        {
            turns.Clear();
            foreach (var step in Steps)
                if (await step.QueueAsync(task, batch, statements, ct) is { } turn)
                    turns.Add(turn);
            await statements.SendAsync(ct);
            foreach (var turn in turns)
                await turn();
        }
        foreach (var agent in batch.AgentsToReconcile)
            await reconciler.ReconcileAsync(agent, ct);
        return batch.Retries;
    }
}
