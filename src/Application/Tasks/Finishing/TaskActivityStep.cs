using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// A completed or failed issue task leaves an activity entry, and a failure tells the issue's member
/// subscribers through their inbox (cancels leave neither).
/// </summary>
public sealed class TaskActivityStep(ITaskContextRepository context, TaskEvents events, TimeProvider time, ILogger<TaskActivityStep> logger)
    : ITaskFinishStep
{
    public ValueTask<Func<Task>?> QueueAsync(FinishedTask finished, FinishBatch batch, IFinishStatements statements, CancellationToken ct)
    {
        var task = finished.Task;
        if (finished.Cause == FinishCause.Cancelled || task.IssueId is not { } issueId || finished.WorkspaceId is not { } workspace)
            return FinishTurn.None;
        var failed = task.Status == AgentTaskStatus.Failed;
        var entry = new ActivityLog
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspace,
            IssueId = issueId,
            ActorType = ActorType.Agent,
            ActorId = task.AgentId,
            Action = failed ? "task_failed" : "task_completed",
            Details = "{}",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var written = statements.InsertActivity(entry);
        return FinishTurn.Of(async () =>
        {
            BestEffort.OnAnswer(logger, "activity log", task.Id, written, _ => events.ActivityCreated(entry));
            if (failed)
                await BestEffort.RunAsync(logger, "inbox", task.Id, async () =>
                {
                    foreach (var item in await context.NotifyTaskFailedAsync(issueId, task.AgentId, time.GetUtcNow().UtcDateTime, ct))
                        events.InboxNew(item);
                });
        });
    }
}
