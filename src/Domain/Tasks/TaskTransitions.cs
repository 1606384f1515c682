using Multica.Domain.Constants;

namespace Multica.Domain.Tasks;

/// <summary>
/// The task state machine (task-lifecycle.md §1): which source statuses each transition accepts.
/// Persistence applies every transition as one conditional UPDATE whose WHERE clause uses these lists,
/// so a transition that lost a race simply matches no row.
/// </summary>
public static class TaskTransitions
{
    /// <summary>Claimed and not yet finished: counted against the agent's max_concurrent_tasks.</summary>
    public static readonly string[] InFlight =
        [AgentTaskStatus.Dispatched, AgentTaskStatus.WaitingLocalDirectory, AgentTaskStatus.Running];

    /// <summary>queued → dispatched (claim).</summary>
    public static readonly string[] ClaimFrom = [AgentTaskStatus.Queued];

    /// <summary>→ running. waiting_local_directory is the newer daemons' parked state before start.</summary>
    public static readonly string[] StartFrom = [AgentTaskStatus.Dispatched, AgentTaskStatus.WaitingLocalDirectory];

    /// <summary>
    /// → completed. Besides running we accept a dispatched task whose start call was lost
    /// (started_at is stamped then): finishing real work beats letting it time out and re-run.
    /// </summary>
    public static readonly string[] CompleteFrom =
        [AgentTaskStatus.Running, AgentTaskStatus.Dispatched, AgentTaskStatus.WaitingLocalDirectory];

    /// <summary>→ failed (daemon fail, recover-orphans, sweepers).</summary>
    public static readonly string[] FailFrom = InFlight;

    /// <summary>→ cancelled: any active status.</summary>
    public static readonly string[] CancelFrom = AgentTaskStatus.Active;

    /// <summary>Resume pointer may be pinned mid-flight only.</summary>
    public static readonly string[] PinSessionIn = InFlight;

    public static bool CanStart(string status) => StartFrom.Contains(status);
    public static bool CanComplete(string status) => CompleteFrom.Contains(status);
    public static bool CanFail(string status) => FailFrom.Contains(status);
    public static bool CanCancel(string status) => CancelFrom.Contains(status);
    public static bool IsInFlight(string status) => InFlight.Contains(status);

    /// <summary>Failure reasons produced by infrastructure (not by the agent) — the only ones auto-retried.</summary>
    public static readonly string[] RetryableFailureReasons =
        [FailureReason.RuntimeOffline, FailureReason.RuntimeRecovery, FailureReason.Timeout];

    /// <summary>
    /// Auto-retry rule (task-lifecycle.md §10.2): failed for an infrastructure reason, attempts left,
    /// not an autopilot run, and attached to an issue or a chat session.
    /// </summary>
    public static bool ShouldRetry(string status, string? failureReason, int attempt, int maxAttempts,
        Guid? autopilotRunId, Guid? issueId, Guid? chatSessionId) =>
        status == AgentTaskStatus.Failed
        && failureReason is not null && RetryableFailureReasons.Contains(failureReason)
        && attempt < maxAttempts
        && autopilotRunId is null
        && (issueId is not null || chatSessionId is not null);

    /// <summary>Issue priority → task priority (urgent 4 … low 1, anything else 0).</summary>
    public static int PriorityForIssue(string? issuePriority) => issuePriority switch
    {
        IssuePriority.Urgent => 4,
        IssuePriority.High => 3,
        IssuePriority.Medium => 2,
        IssuePriority.Low => 1,
        _ => 0,
    };

    public const int ChatPriority = 2;
    public const int AutopilotRunPriority = 0;

    /// <summary>Agent status after reconciliation: working while anything is in flight, else idle.</summary>
    public static string AgentStatusFor(int inFlightCount) => inFlightCount > 0 ? AgentStatus.Working : AgentStatus.Idle;

    /// <summary>Failure reason stored when the daemon gives none.</summary>
    public static string EffectiveFailureReason(string? given) =>
        string.IsNullOrEmpty(given) ? FailureReason.AgentError : given;
}
