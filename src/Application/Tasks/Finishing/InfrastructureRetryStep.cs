using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Application.Tasks.Finishing;

/// <summary>A task failed for an infrastructure reason with attempts left gets a queued child (TaskRules.ShouldRetry).</summary>
public sealed class InfrastructureRetryStep(
    ITaskRepository tasks, TaskEvents events, IDaemonWakeups wakeups, TimeProvider time, ILogger<InfrastructureRetryStep> logger)
    : TurnFinishStep
{
    public override async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var parent = finished.Task;
        if (finished.Cause is not (FinishCause.Failed or FinishCause.InfrastructureFailed)
            || !TaskRules.ShouldRetry(parent.Status, parent.FailureReason, parent.Attempt, parent.MaxAttempts,
                parent.AutopilotRunId, parent.IssueId, parent.ChatSessionId))
            return;
        var child = new AgentTask
        {
            Id = Guid.NewGuid(),
            AgentId = parent.AgentId,
            RuntimeId = parent.RuntimeId,
            IssueId = parent.IssueId,
            ChatSessionId = parent.ChatSessionId,
            AutopilotRunId = parent.AutopilotRunId,
            Priority = parent.Priority,
            TriggerCommentId = parent.TriggerCommentId,
            Context = parent.Context,
            SessionId = parent.SessionId,
            WorkDir = parent.WorkDir,
            MaxAttempts = parent.MaxAttempts,
            Attempt = parent.Attempt + 1,
            ParentTaskId = parent.Id,
            Status = AgentTaskStatus.Queued,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            var inserted = await tasks.InsertAsync(child, ct);
            if (inserted is null)
            {
                logger.LogInformation("retry of task {TaskId} skipped: another pending task exists", parent.Id);
                return;
            }
            events.RetryQueued(inserted, finished.WorkspaceId);
            wakeups.TaskAvailable(inserted.RuntimeId, inserted.Id);
            finished.Retry = inserted;
            batch.Retries++;
            if (parent.IssueId is { } issueId)
                batch.RetriedIssues.Add(issueId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "retry of task {TaskId} failed", parent.Id);
        }
    }
}
