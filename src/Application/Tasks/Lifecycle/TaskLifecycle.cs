using System.Text.Json;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.Redaction;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Application.Tasks.Lifecycle;

/// <summary>
/// SessionRolloutMissing: the agent's session cannot be resumed, so it is stored as NULL (never offered as
/// prior_session_id). RetiredSessionId: a session the run abandoned, never offered again (daemon-api-newest.md §3.7).
/// </summary>
public sealed record CompleteInput(string? PrUrl, string? Output, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir,
    bool SessionRolloutMissing = false, string? RetiredSessionId = null)
{
    public string? ResumableSessionId => SessionRolloutMissing ? null : SessionId;
}

public sealed record FailInput(string? Error, string? FailureReason, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir,
    bool SessionRolloutMissing = false, string? RetiredSessionId = null)
{
    public string? ResumableSessionId => SessionRolloutMissing ? null : SessionId;
}

/// <summary>
/// The task state machine's write side (task-lifecycle.md §9–§12): each transition commits in one
/// transaction together with what must move with it (chat resume pointer, token deletion), then runs
/// the side effects in the documented order and publishes the events.
/// </summary>
public sealed class TaskLifecycle(
    ITaskRepository tasks,
    ITaskContextRepository context,
    ITransactionRunner transactions,
    TaskEvents events,
    AgentCommentWriter comments,
    ICredentialStore credentials,
    IDaemonWakeups wakeups,
    IAnalytics analytics,
    TimeProvider time,
    ILogger<TaskLifecycle> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Complete. A finished task is returned unchanged (idempotent replay); a task still queued cannot
    /// complete (400, so a newer daemon falls back to fail instead of retrying).
    /// </summary>
    public async Task<AgentTask> CompleteAsync(AgentTask current, CompleteInput input, Guid? workspaceId, CancellationToken ct)
    {
        var now = Now;
        var output = SecretRedactor.Redact(input.Output);
        var result = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["pr_url"] = input.PrUrl ?? "",
            ["output"] = output,
            ["session_id"] = input.ResumableSessionId ?? "",
            ["work_dir"] = input.WorkDir ?? "",
        });
        var completion = new TaskCompletion(result, input.ResumableSessionId, input.WorkDir, input.BranchName, input.DurableWorkDir);

        var completed = await transactions.RunAsync<AgentTask?>(async token =>
        {
            var row = await tasks.CompleteAsync(current.Id, completion, now, token);
            if (row is null)
                return null;
            var settled = await SettleFinishedAsync(row, input.RetiredSessionId, input.ResumableSessionId, input.WorkDir, now, token);
            var workspace = workspaceId ?? await context.ResolveTaskWorkspaceAsync(row, token);
            await transactions.AfterCommitAsync(t => AfterCompletedAsync(settled, workspace, output, now, t), token);
            return row;
        }, ct);

        if (completed is null)
        {
            var latest = await tasks.FindAsync(current.Id, ct) ?? throw new BadRequestException("complete task: task not found");
            if (TaskStateMachine.IsFinished(latest.Status))
                return latest;
            throw new BadRequestException("complete task: task is not running");
        }
        return completed;
    }

    private async Task AfterCompletedAsync(Transition settled, Guid? workspaceId, string output, DateTime now, CancellationToken ct)
    {
        InvalidateTokens(settled.DeletedTokenHashes);
        var completed = settled.Task;
        if (completed.IssueId is { } issueId && output.Length > 0)
            await PostFallbackCommentAsync(completed, issueId, output, ct);
        if (completed.ChatSessionId is { } chatSessionId)
            await FinishChatTurnAsync(completed, chatSessionId, output, ct);
        await ReconcileAgentAsync(completed.AgentId, ct);
        events.Finished(completed, workspaceId);
        await RecordActivityAsync(completed, workspaceId, ct);
        await SyncAutopilotRunAsync(completed, workspaceId, ct);
        if (completed.IssueId is { } executedIssue && await context.StampFirstExecutedAsync(executedIssue, now, ct) is { } issue)
            analytics.Capture(new AnalyticsEvent("issue_executed",
                issue.CreatorType == ActorType.Agent ? $"agent:{issue.CreatorId}" : issue.CreatorId.ToString(),
                issue.WorkspaceId,
                new Dictionary<string, object?>
                {
                    ["issue_id"] = issue.Id.ToString(),
                    ["task_duration_ms"] = completed is { StartedAt: { } started, CompletedAt: { } done }
                        ? (long)(done - started).TotalMilliseconds : 0L,
                }));
    }

    /// <summary>
    /// Inside the complete/fail transaction: retire a dead session, move the chat's resume pointer and
    /// delete the task's tokens, so the next chat task is never claimed against a stale pointer.
    /// </summary>
    private async Task<Transition> SettleFinishedAsync(AgentTask row, string? retiredSessionId, string? sessionId, string? workDir,
        DateTime now, CancellationToken token)
    {
        if (!string.IsNullOrWhiteSpace(retiredSessionId))
            await tasks.RetireSessionAsync(row, retiredSessionId, token);
        if (row.ChatSessionId is { } chat)
            await tasks.UpdateChatResumePointerAsync(chat, sessionId, workDir, now, token);
        return new Transition(row, await tasks.DeleteTaskTokensAsync([row.Id], token));
    }

    /// <summary>Daemon-reported failure. Finished or still-queued tasks are returned unchanged.</summary>
    public async Task<AgentTask> FailAsync(AgentTask current, FailInput input, Guid? workspaceId, CancellationToken ct)
    {
        var now = Now;
        var error = SecretRedactor.Redact(input.Error);
        var failure = new TaskFailure(error, TaskRules.EffectiveFailureReason(input.FailureReason),
            input.ResumableSessionId, input.WorkDir, input.BranchName, input.DurableWorkDir);

        var failed = await transactions.RunAsync<AgentTask?>(async token =>
        {
            var row = await tasks.FailAsync(current.Id, failure, now, token);
            if (row is null)
                return null;
            var settled = await SettleFinishedAsync(row, input.RetiredSessionId, input.ResumableSessionId, input.WorkDir, now, token);
            var workspace = workspaceId ?? await context.ResolveTaskWorkspaceAsync(row, token);
            await transactions.AfterCommitAsync(t => AfterFailedAsync(settled, workspace, error, t), token);
            return row;
        }, ct);

        return failed ?? await tasks.FindAsync(current.Id, ct) ?? throw new BadRequestException("fail task: task not found");
    }

    private async Task AfterFailedAsync(Transition settled, Guid? workspaceId, string error, CancellationToken ct)
    {
        InvalidateTokens(settled.DeletedTokenHashes);
        var failed = settled.Task;
        var retried = await TryRetryAsync(failed, workspaceId, ct);
        if (retried is null && error.Length > 0 && failed.IssueId is { } issueId)
        {
            var issue = await context.FindIssueAsync(issueId, ct);
            if (issue is not null)
                await TryAsync(() => comments.PostAsync(issue, failed.AgentId, error, CommentType.System, failed.TriggerCommentId, ct),
                    "system comment", failed.Id);
        }
        await ReconcileAgentAsync(failed.AgentId, ct);
        events.Finished(failed, workspaceId);
        await RecordActivityAsync(failed, workspaceId, ct);
        await SyncAutopilotRunAsync(failed, workspaceId, ct);
    }

    /// <summary>Single cancel: null when the task does not exist; a finished task comes back unchanged.</summary>
    public async Task<AgentTask?> CancelAsync(Guid taskId, CancellationToken ct)
    {
        var cancelled = await transactions.RunAsync<AgentTask?>(async token =>
        {
            var row = await tasks.CancelAsync(taskId, Now, token);
            if (row is null)
                return null;
            var hashes = await tasks.DeleteTaskTokensAsync([row.Id], token);
            var workspaceId = await context.ResolveTaskWorkspaceAsync(row, token);
            await transactions.AfterCommitAsync(async t =>
            {
                InvalidateTokens(hashes);
                await ReconcileAgentAsync(row.AgentId, t);
                events.Finished(row, workspaceId);
                await SyncAutopilotRunAsync(row, workspaceId, t);
            }, token);
            return row;
        }, ct);
        return cancelled ?? await tasks.FindAsync(taskId, ct);
    }

    /// <summary>
    /// Bulk cancel (issue reassigned/cancelled/deleted, agent archived, rerun). Unlike upstream it behaves
    /// like single cancels: completed_at set, task:cancelled published, agents reconciled, runs synced.
    /// </summary>
    public async Task<int> CancelActiveAsync(Guid? issueId, Guid? agentId, CancellationToken ct)
    {
        return await transactions.RunAsync(async token =>
        {
            var rows = await tasks.CancelActiveAsync(issueId, agentId, Now, token);
            if (rows.Count == 0)
                return 0;
            var hashes = await tasks.DeleteTaskTokensAsync(rows.Select(t => t.Id).ToList(), token);
            // Resolved now: the issue may be deleted by the same transaction.
            var workspaces = new WorkspaceCache(context);
            var resolved = new List<(AgentTask Row, Guid? Workspace)>();
            foreach (var row in rows)
                resolved.Add((row, await workspaces.ForAsync(row, token)));
            await transactions.AfterCommitAsync(async t =>
            {
                InvalidateTokens(hashes);
                foreach (var (row, workspaceId) in resolved)
                {
                    events.Finished(row, workspaceId);
                    await SyncAutopilotRunAsync(row, workspaceId, t);
                }
                foreach (var agent in rows.Select(r => r.AgentId).Distinct())
                    await ReconcileAgentAsync(agent, t);
            }, token);
            return rows.Count;
        }, ct);
    }

    public const string OrphanedError = "daemon restarted while task was in flight";

    /// <summary>Everything still in flight on a runtime whose daemon restarted fails, then goes through the pipeline.</summary>
    public Task<(int Failed, int Retried)> RecoverOrphansAsync(Guid runtimeId, CancellationToken ct) =>
        FailForInfrastructureAsync(token => tasks.FailInFlightOnRuntimeAsync(runtimeId, OrphanedError, FailureReason.RuntimeRecovery, Now, token), ct);

    /// <summary>
    /// Fails a set of tasks for an infrastructure reason (orphans, sweeps): the failing statement and the
    /// token deletion in one transaction, then the shared post-failure pipeline.
    /// </summary>
    public async Task<(int Failed, int Retried)> FailForInfrastructureAsync(
        Func<CancellationToken, Task<IReadOnlyList<AgentTask>>> fail, CancellationToken ct)
    {
        var retried = 0;
        var count = await transactions.RunAsync(async token =>
        {
            var rows = await fail(token);
            if (rows.Count == 0)
                return 0;
            var hashes = await tasks.DeleteTaskTokensAsync(rows.Select(t => t.Id).ToList(), token);
            await transactions.AfterCommitAsync(async t =>
            {
                InvalidateTokens(hashes);
                retried = await HandleInfrastructureFailuresAsync(rows, t);
            }, token);
            return rows.Count;
        }, ct);
        return (count, retried);
    }

    /// <summary>
    /// The shared post-failure pipeline for infrastructure failures (recover-orphans, sweepers):
    /// retry, reset an abandoned in_progress issue to todo, publish, then reconcile each agent once.
    /// Returns the number of retries created.
    /// </summary>
    public async Task<int> HandleInfrastructureFailuresAsync(IReadOnlyList<AgentTask> failed, CancellationToken ct)
    {
        var retries = 0;
        var handledIssues = new HashSet<Guid>();
        var retriedIssues = new HashSet<Guid>();
        var workspaces = new WorkspaceCache(context);
        foreach (var row in failed)
        {
            var workspaceId = await workspaces.ForAsync(row, ct);
            var child = await TryRetryAsync(row, workspaceId, ct);
            if (child is not null)
            {
                retries++;
                if (row.IssueId is { } retriedIssue)
                    retriedIssues.Add(retriedIssue);
            }
            if (row.IssueId is { } issueId && !retriedIssues.Contains(issueId) && handledIssues.Add(issueId))
            {
                var issue = await workspaces.IssueAsync(issueId, ct);
                if (issue?.Status == IssueStatus.InProgress)
                    await TryAsync(() => context.ResetIssueToTodoIfIdleAsync(issueId, Now, ct), "issue reset", row.Id);
            }
            events.Finished(row, workspaceId);
            await RecordActivityAsync(row, workspaceId, ct);
            await SyncAutopilotRunAsync(row, workspaceId, ct);
        }
        foreach (var agent in failed.Select(r => r.AgentId).Distinct())
            await ReconcileAgentAsync(agent, ct);
        return retries;
    }

    /// <summary>Agent status := working while anything is in flight, else idle; always published.</summary>
    public async Task ReconcileAgentAsync(Guid agentId, CancellationToken ct)
    {
        try
        {
            var inFlight = await tasks.CountInFlightForAgentAsync(agentId, ct);
            var agent = await context.SetAgentStatusAsync(agentId, TaskRules.AgentStatusFor(inFlight), Now, ct);
            if (agent is not null)
                events.AgentStatus(agent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "agent status reconciliation failed for {AgentId}", agentId);
        }
    }

    private async Task<AgentTask?> TryRetryAsync(AgentTask parent, Guid? workspaceId, CancellationToken ct)
    {
        if (!TaskRules.ShouldRetry(parent.Status, parent.FailureReason, parent.Attempt, parent.MaxAttempts,
                parent.AutopilotRunId, parent.IssueId, parent.ChatSessionId))
            return null;
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
            CreatedAt = Now,
        };
        try
        {
            var inserted = await tasks.InsertAsync(child, ct);
            if (inserted is null)
            {
                logger.LogInformation("retry of task {TaskId} skipped: another pending task exists", parent.Id);
                return null;
            }
            events.RetryQueued(inserted, workspaceId);
            wakeups.TaskAvailable(inserted.RuntimeId, inserted.Id);
            return inserted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "retry of task {TaskId} failed", parent.Id);
            return null;
        }
    }

    private async Task PostFallbackCommentAsync(AgentTask task, Guid issueId, string output, CancellationToken ct)
    {
        // Invariant: every completed issue task leaves at least one agent comment the user can see.
        var commented = task.StartedAt is { } started && await context.AgentCommentedSinceAsync(issueId, task.AgentId, started, ct);
        if (commented)
            return;
        var issue = await context.FindIssueAsync(issueId, ct);
        if (issue is not null)
            await TryAsync(() => comments.PostAsync(issue, task.AgentId, output, CommentType.Comment, task.TriggerCommentId, ct),
                "fallback comment", task.Id);
    }

    private async Task FinishChatTurnAsync(AgentTask task, Guid chatSessionId, string output, CancellationToken ct)
    {
        var session = await context.FindChatSessionAsync(chatSessionId, ct);
        if (session is null)
            return;
        if (output.Length > 0)
            await TryAsync(() => context.InsertAssistantMessageAsync(chatSessionId, task.Id, output, Now, ct), "assistant message", task.Id);
        events.ChatDone(chatSessionId, task.Id, output, session.WorkspaceId);
    }

    /// <summary>A run_only autopilot run ends with its task (completed → completed, otherwise failed).</summary>
    /// <summary>
    /// task-lifecycle.md §14.4: a finished issue task leaves an activity entry, and a failure tells the
    /// issue's member subscribers through their inbox. Best effort: the task outcome is already committed.
    /// </summary>
    private async Task RecordActivityAsync(AgentTask task, Guid? workspaceId, CancellationToken ct)
    {
        if (task.IssueId is not { } issueId || workspaceId is not { } workspace)
            return;
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
            CreatedAt = Now,
        };
        await TryAsync(async () =>
        {
            await context.InsertActivityAsync(entry, ct);
            events.ActivityCreated(entry);
        }, "activity log", task.Id);
        if (failed)
            await TryAsync(async () =>
            {
                foreach (var item in await context.NotifyTaskFailedAsync(issueId, task.AgentId, Now, ct))
                    events.InboxNew(item);
            }, "inbox", task.Id);
    }

    private async Task SyncAutopilotRunAsync(AgentTask task, Guid? workspaceId, CancellationToken ct)
    {
        if (task.AutopilotRunId is not { } runId)
            return;
        try
        {
            var completed = task.Status == AgentTaskStatus.Completed;
            var run = await context.FinishAutopilotRunAsync(runId,
                completed ? AutopilotRunStatus.Completed : AutopilotRunStatus.Failed,
                completed ? task.Result : null,
                completed ? null : task.Error ?? $"task {task.Status}",
                Now, ct);
            if (run is not null && workspaceId is { } ws)
                events.AutopilotRunDone(run, ws);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "autopilot run sync failed for task {TaskId}", task.Id);
        }
    }

    /// <summary>A transition and the hashes of the mat_ tokens deleted with it.</summary>
    private sealed record Transition(AgentTask Task, IReadOnlyList<string> DeletedTokenHashes);

    /// <summary>
    /// Drops the deleted tokens from the credential cache. Only after commit: dropping earlier would let a
    /// concurrent request re-cache a token that is about to disappear.
    /// </summary>
    private void InvalidateTokens(IEnumerable<string> tokenHashes)
    {
        foreach (var hash in tokenHashes)
            credentials.Invalidate(hash);
    }

    private async Task TryAsync(Func<Task> action, string what, Guid taskId)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "{What} failed for task {TaskId}", what, taskId);
        }
    }

    /// <summary>Resolves event workspaces once per issue / chat session / run within one batch.</summary>
    private sealed class WorkspaceCache(ITaskContextRepository context)
    {
        private readonly Dictionary<(Guid?, Guid?, Guid?), Guid?> _workspaces = new();
        private readonly Dictionary<Guid, Issue?> _issues = new();

        public async Task<Guid?> ForAsync(AgentTask task, CancellationToken ct)
        {
            var key = (task.IssueId, task.ChatSessionId, task.AutopilotRunId);
            if (!_workspaces.TryGetValue(key, out var workspaceId))
                _workspaces[key] = workspaceId = await context.ResolveTaskWorkspaceAsync(task, ct);
            return workspaceId;
        }

        public async Task<Issue?> IssueAsync(Guid issueId, CancellationToken ct)
        {
            if (!_issues.TryGetValue(issueId, out var issue))
                _issues[issueId] = issue = await context.FindIssueAsync(issueId, ct);
            return issue;
        }
    }
}
