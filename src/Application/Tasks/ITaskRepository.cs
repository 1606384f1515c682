using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>What complete writes: the 4-key result plus the newer daemons' optional fields.</summary>
public sealed record TaskCompletion(string ResultJson, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir);

/// <summary>A task a complete or fail report finished, and the hashes of the tokens deleted with it (for the credential caches).</summary>
public sealed record FinishedRun(AgentTask Task, IReadOnlyList<string> TokenHashes);

/// <summary>What fail writes. Empty session/work-dir values keep the stored ones.</summary>
public sealed record TaskFailure(string Error, string FailureReason, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir);

/// <summary>One transcript message after redaction, ready to store.</summary>
public sealed record NewTaskMessage(int Seq, string Type, string? Tool, string? Content, string? InputJson, string? Output);

public sealed record UsageEntry(string Provider, string Model, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens);

public sealed record IssueUsageSummary(long TotalInputTokens, long TotalOutputTokens, long TotalCacheReadTokens, long TotalCacheWriteTokens, int TaskCount);

/// <summary>
/// Task rows. Every transition is one conditional UPDATE (source statuses from TaskStateMachine) that
/// returns the updated row, or null when the task was not in a source status.
/// </summary>
public interface ITaskRepository
{
    Task<AgentTask?> FindAsync(Guid taskId, CancellationToken ct);
    Task<IReadOnlyList<AgentTask>> ListPendingForRuntimeAsync(Guid runtimeId, CancellationToken ct);

    /// <summary>Which of these runtimes have a queued or dispatched task (one index probe per runtime).</summary>
    Task<IReadOnlySet<Guid>> RuntimesWithPendingAsync(IReadOnlyCollection<Guid> runtimeIds, CancellationToken ct);
    /// <summary>Tasks of an issue, newest first; <paramref name="inFlightOnly"/> keeps dispatched/running ones.</summary>
    Task<IReadOnlyList<AgentTask>> ListForIssueAsync(Guid issueId, bool inFlightOnly, CancellationToken ct);

    /// <summary>Inserts a queued task; null when the one-pending-task-per-(issue, agent) index refused it.</summary>
    Task<AgentTask?> InsertAsync(AgentTask task, CancellationToken ct);

    Task<AgentTask?> StartAsync(Guid taskId, DateTime now, CancellationToken ct);

    /// <summary>
    /// A daemon's complete report, in one statement: the guarded write, the deletion of the task's tokens and, for a
    /// chat task, the chat's resume pointer (non-empty values only). Null when the task could not complete.
    /// </summary>
    Task<FinishedRun?> CompleteAsync(Guid taskId, TaskCompletion completion, DateTime now, CancellationToken ct);
    /// <summary>A daemon's fail report; the same one statement as <see cref="CompleteAsync"/>.</summary>
    Task<FinishedRun?> FailAsync(Guid taskId, TaskFailure failure, DateTime now, CancellationToken ct);
    Task<AgentTask?> CancelAsync(Guid taskId, DateTime now, CancellationToken ct);
    /// <summary>Cancels every active task of an issue (optionally one agent's) or of an agent; returns the rows cancelled.</summary>
    Task<IReadOnlyList<AgentTask>> CancelActiveAsync(Guid? issueId, Guid? agentId, DateTime now, CancellationToken ct);
    /// <summary>Fails every in-flight task of a runtime (recover-orphans); returns the rows failed.</summary>
    Task<IReadOnlyList<AgentTask>> FailInFlightOnRuntimeAsync(Guid runtimeId, string error, string failureReason, DateTime now, CancellationToken ct);

    /// <summary>Fails every dispatched/running task whose runtime is offline (stale-runtime sweep).</summary>
    Task<IReadOnlyList<AgentTask>> FailInFlightOnOfflineRuntimesAsync(string error, string failureReason, DateTime now, CancellationToken ct);

    /// <summary>Fails tasks dispatched before <paramref name="dispatchedBefore"/> and never started, or running since before <paramref name="startedBefore"/>.</summary>
    Task<IReadOnlyList<AgentTask>> FailStaleAsync(DateTime dispatchedBefore, DateTime startedBefore, string error, string failureReason, DateTime now, CancellationToken ct);

    /// <summary>Mid-flight resume pointer: non-empty values only, and only while in flight.</summary>
    Task PinSessionAsync(Guid taskId, string? sessionId, string? workDir, DateTime now, CancellationToken ct);
    /// <summary>
    /// A session a run abandoned (retired_session_id) is never offered as prior_session_id again: it is
    /// cleared from the same agent's earlier runs of the task's issue or chat, and from the chat's pointer.
    /// </summary>
    Task RetireSessionAsync(AgentTask task, string sessionId, CancellationToken ct);

    Task<bool> HasActiveTaskForIssueAsync(Guid issueId, CancellationToken ct);

    /// <summary>Deletes the mat_ tokens of finished tasks; returns their hashes so caches can drop them.</summary>
    Task<IReadOnlyList<string>> DeleteTaskTokensAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct);

    /// <summary>
    /// Stores a batch in one statement, ignoring (task_id, seq) already stored; returns the seqs actually inserted,
    /// or null when the task no longer exists (nothing stored).
    /// </summary>
    Task<IReadOnlySet<int>?> InsertMessagesAsync(Guid taskId, IReadOnlyList<NewTaskMessage> messages, DateTime now, CancellationToken ct);
    /// <summary>
    /// At most <paramref name="limit"/> messages with seq &gt; <paramref name="sinceSeq"/> (all when null), seq ascending,
    /// and no more once they reach <paramref name="maxBytes"/> (<see cref="TaskMessageSlice"/>).
    /// </summary>
    Task<TaskMessageSlice> ListMessagesAsync(Guid taskId, int? sinceSeq, int limit, long maxBytes, CancellationToken ct);

    /// <summary>Stores the counters (the last report per provider and model wins); false when the task no longer exists.</summary>
    Task<bool> UpsertUsageAsync(Guid taskId, IReadOnlyList<UsageEntry> entries, DateTime now, CancellationToken ct);
    Task<IssueUsageSummary> SummarizeIssueUsageAsync(Guid issueId, CancellationToken ct);
}

/// <summary>Everything a claim response needs besides the task row, loaded for many tasks at once.</summary>
public sealed record ClaimContext(
    Guid TaskId,
    Guid? IssueWorkspaceId, string? IssueWorkspaceRepos,
    string? TriggerContent, string? TriggerAuthorType, string? TriggerAuthorName,
    string? PriorSessionId, string? PriorWorkDir,
    Guid? ChatSessionId, Guid? ChatWorkspaceId, string? ChatWorkspaceRepos, string? ChatSessionPointer, string? ChatWorkDirPointer,
    string? LastChatSessionId, string? LastChatWorkDir, string? ChatMessage,
    Guid? AutopilotId, string? AutopilotSource, string? AutopilotTriggerPayload, bool AutopilotFound,
    string? AutopilotTitle, string? AutopilotDescription, Guid? AutopilotWorkspaceId, string? AutopilotWorkspaceRepos);

/// <summary>One row of an agent's skills: the skill, and one of its files (null path when it has none).</summary>
public sealed record AgentSkillFile(
    Guid AgentId, Guid SkillId, string SkillName, string SkillDescription, string SkillContent, string? FilePath, string? FileContent);

/// <summary>One claim call: which runtimes, how many tasks, and the timing rules.</summary>
public sealed record ClaimRequest(
    IReadOnlyList<Guid> RuntimeIds,
    int MaxTasks,
    DateTime Now,
    /// <summary>A dispatched, never-started task dispatched before this instant is offered again.</summary>
    DateTime ReofferDispatchedBefore,
    DateTime PrepareLeaseUntil,
    DateTime TokenExpiresAt,
    int ScanLimit);

/// <summary>A claimed row and the plain mat_ token minted for it (null when the runtime has no owner).</summary>
public sealed record ClaimedTask(AgentTask Task, string? AuthToken);
