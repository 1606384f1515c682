using Multica.Application.DaemonProtocol;
using System.Text.Json;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.Finishing;
using Multica.Application.Tasks.Redaction;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Application.Tasks.StateMachine;

/// <summary>
/// The one entry point for every transition of <see cref="TaskStateMachine"/>. A finishing transition commits
/// in one transaction with what must move with it (chat resume pointer, retired session, token deletion); its
/// side effects (token eviction, then the <see cref="TaskFinishPipeline"/>) are queued to run after the
/// outermost transaction commits, so a caller's rollback leaves none behind.
/// </summary>
public sealed class TaskTransitionService(
    ITaskRepository tasks,
    ITaskClaimRepository claims,
    IDaemonProtocolRepository daemonTasks,
    ITaskContextRepository context,
    ITransactionRunner transactions,
    TaskFinishPipeline finish,
    ICredentialStore credentials,
    TimeProvider time)
{
    public const string OrphanedError = "daemon restarted while task was in flight";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Claim (queued → dispatched) and re-offer (a dispatched task whose claim response was lost).</summary>
    public Task<IReadOnlyList<ClaimedTask>> ClaimAsync(ClaimRequest request, CancellationToken ct) => claims.ClaimAsync(request, ct);

    /// <summary>
    /// Start; a repeated start of a running task (its first response was lost) returns it unchanged, so the
    /// daemon's retry does not turn into a fail. Null when the task was neither startable nor running.
    /// </summary>
    public async Task<AgentTask?> StartAsync(Guid taskId, CancellationToken ct)
    {
        var started = await tasks.StartAsync(taskId, Now, ct);
        if (started is not null)
            return started;
        var latest = await tasks.FindAsync(taskId, ct);
        return latest is not null && latest.Status == TaskStateMachine.Start.To ? latest : null;
    }

    /// <summary>Park for the local directory, with a fresh prepare lease; null when the task was not dispatched.</summary>
    public Task<AgentTask?> ParkForLocalDirectoryAsync(Guid taskId, string? reason, DateTime leaseUntil, CancellationToken ct) =>
        daemonTasks.MarkWaitingLocalDirectoryAsync(taskId, reason, leaseUntil, ct);

    /// <summary>Extend the prepare lease of a claimed, never-started task of that runtime; null when none qualified.</summary>
    public Task<AgentTask?> ExtendLeaseAsync(Guid taskId, Guid runtimeId, DateTime until, CancellationToken ct) =>
        daemonTasks.ExtendPrepareLeaseAsync(taskId, runtimeId, until, ct);

    /// <summary>Acknowledge a cancel: fills still-empty columns; true when something was written.</summary>
    public Task<bool> AcknowledgeCancelAsync(Guid taskId, CancelAckFields fields, CancellationToken ct) =>
        daemonTasks.RecordCancelAckAsync(taskId, fields, ct);

    /// <summary>
    /// Complete. A task that cannot complete (finished already, or still queued) is returned unchanged with
    /// no side effect: daemons treat a permanent 4xx on complete as a reason to report a failure.
    /// </summary>
    public Task<AgentTask> CompleteAsync(Guid taskId, CompleteInput input, Guid? workspaceId, CancellationToken ct)
    {
        var session = input.Session;
        var output = SecretRedactor.Redact(input.Output);
        var result = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["pr_url"] = input.PrUrl ?? "",
            ["output"] = output,
            ["session_id"] = session.ResumableSessionId ?? "",
            ["work_dir"] = session.WorkDir ?? "",
        });
        var completion = new TaskCompletion(result, session.ResumableSessionId, session.WorkDir, session.BranchName, session.DurableWorkDir);
        return FinishReportedAsync(taskId, session, workspaceId, "complete task: task not found",
            (now, token) => tasks.CompleteAsync(taskId, completion, now, token),
            (row, workspace) => new FinishedTask(row, FinishCause.Completed, workspace, Output: output), ct);
    }

    /// <summary>Daemon-reported failure. Finished or still-queued tasks are returned unchanged.</summary>
    public Task<AgentTask> FailAsync(Guid taskId, FailInput input, Guid? workspaceId, CancellationToken ct)
    {
        var session = input.Session;
        var error = SecretRedactor.Redact(input.Error);
        var failure = new TaskFailure(error, TaskRules.EffectiveFailureReason(input.FailureReason),
            session.ResumableSessionId, session.WorkDir, session.BranchName, session.DurableWorkDir);
        return FinishReportedAsync(taskId, session, workspaceId, "fail task: task not found",
            (now, token) => tasks.FailAsync(taskId, failure, now, token),
            (row, workspace) => new FinishedTask(row, FinishCause.Failed, workspace, Error: error), ct);
    }

    /// <summary>
    /// The shared path of a daemon's complete / fail report: the one-statement write (guarded update, token deletion,
    /// a chat's resume pointer), then the queued side effects once it committed. Only a retired session needs a second
    /// statement, in the same transaction. A task the write did not change comes back as stored.
    /// </summary>
    private async Task<AgentTask> FinishReportedAsync(Guid taskId, TaskRunSession session, Guid? workspaceId, string notFound,
        Func<DateTime, CancellationToken, Task<FinishedRun?>> write, Func<AgentTask, Guid?, FinishedTask> finished, CancellationToken ct)
    {
        var now = Now;
        var retired = session.RetiredSessionId;
        async Task<AgentTask?> FinishAsync(CancellationToken token)
        {
            if (await write(now, token) is not { } done)
                return null;
            if (!string.IsNullOrWhiteSpace(retired))
                await tasks.RetireSessionAsync(done.Task, retired, token);
            var workspace = workspaceId ?? await context.ResolveTaskWorkspaceAsync(done.Task, token);
            await AfterCommitAsync(done.TokenHashes, [finished(done.Task, workspace)], false, token);
            return done.Task;
        }

        var changed = string.IsNullOrWhiteSpace(retired)
            ? await FinishAsync(ct)
            : await transactions.RunAsync(FinishAsync, ct);
        return changed ?? await tasks.FindAsync(taskId, ct) ?? throw new BadRequestException(notFound);
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
            var workspace = await context.ResolveTaskWorkspaceAsync(row, token);
            await AfterCommitAsync(hashes, [new FinishedTask(row, FinishCause.Cancelled, workspace)], false, token);
            return row;
        }, ct);
        return cancelled ?? await tasks.FindAsync(taskId, ct);
    }

    /// <summary>
    /// Bulk cancel (issue reassigned/cancelled/deleted, agent archived, rerun). Unlike upstream it behaves
    /// like single cancels: completed_at set, task:cancelled published, agents reconciled, runs synced.
    /// </summary>
    public Task<int> CancelActiveAsync(Guid? issueId, Guid? agentId, CancellationToken ct) =>
        FinishManyAsync(token => tasks.CancelActiveAsync(issueId, agentId, Now, token), FinishCause.Cancelled, ct);

    /// <summary>Everything still in flight on a runtime whose daemon restarted fails (fail, for runtime recovery).</summary>
    public async Task<(int Failed, int Retried)> RecoverOrphansAsync(Guid runtimeId, CancellationToken ct) =>
        await FailForInfrastructureAsync(
            token => tasks.FailInFlightOnRuntimeAsync(runtimeId, OrphanedError, FailureReason.RuntimeRecovery, Now, token), ct);

    /// <summary>Fail on offline runtime: everything in flight on a runtime marked offline.</summary>
    public Task<(int Failed, int Retried)> FailOnOfflineRuntimesAsync(string error, CancellationToken ct) =>
        FailForInfrastructureAsync(token => tasks.FailInFlightOnOfflineRuntimesAsync(error, FailureReason.RuntimeOffline, Now, token), ct);

    /// <summary>Time out: claimed but not started before <paramref name="dispatchedBefore"/>, or running since before <paramref name="startedBefore"/>.</summary>
    public Task<(int Failed, int Retried)> TimeOutAsync(DateTime dispatchedBefore, DateTime startedBefore, string error, CancellationToken ct) =>
        FailForInfrastructureAsync(
            token => tasks.FailStaleAsync(dispatchedBefore, startedBefore, error, FailureReason.Timeout, Now, token), ct);

    private async Task<(int Failed, int Retried)> FailForInfrastructureAsync(
        Func<CancellationToken, Task<IReadOnlyList<AgentTask>>> fail, CancellationToken ct)
    {
        var retried = 0;
        var failed = await FinishManyAsync(fail, FinishCause.InfrastructureFailed, ct, retries => retried = retries);
        return (failed, retried);
    }

    /// <summary>
    /// One statement finishes many tasks; their tokens go in the same transaction, their workspaces are resolved
    /// before the commit (the issue may be deleted by the same transaction), the pipeline runs after it.
    /// </summary>
    private Task<int> FinishManyAsync(Func<CancellationToken, Task<IReadOnlyList<AgentTask>>> transition, FinishCause cause,
        CancellationToken ct, Action<int>? retried = null) =>
        transactions.RunAsync(async token =>
        {
            var rows = await transition(token);
            if (rows.Count == 0)
                return 0;
            var hashes = await tasks.DeleteTaskTokensAsync(rows.Select(t => t.Id).ToList(), token);
            var workspaces = new TaskWorkspaceCache(context);
            var finished = new List<FinishedTask>();
            foreach (var row in rows)
                finished.Add(new FinishedTask(row, cause, await workspaces.ForAsync(row, token)));
            await transactions.AfterCommitAsync(async t =>
            {
                EvictTokens(hashes);
                var retries = await finish.RunAsync(finished, reconcileAtEnd: true, t);
                retried?.Invoke(retries);
            }, token);
            return rows.Count;
        }, ct);

    /// <summary>After the commit: the deleted tokens leave the credential caches, then the finish pipeline runs.</summary>
    private Task AfterCommitAsync(IReadOnlyList<string> hashes, IReadOnlyList<FinishedTask> finished, bool reconcileAtEnd,
        CancellationToken ct) =>
        transactions.AfterCommitAsync(async t =>
        {
            EvictTokens(hashes);
            await finish.RunAsync(finished, reconcileAtEnd, t);
        }, ct);

    /// <summary>
    /// Drops the deleted tokens from the credential cache. Only after commit: dropping earlier would let a
    /// concurrent request re-cache a token that is about to disappear.
    /// </summary>
    private void EvictTokens(IEnumerable<string> tokenHashes)
    {
        foreach (var hash in tokenHashes)
            credentials.Invalidate(hash);
    }
}
