using Multica.Domain.Constants;

namespace Multica.Domain.Tasks;

/// <summary>
/// The task rules that are not status transitions (those live in <see cref="TaskStateMachine"/>): retry,
/// enqueue priorities, agent status and the default failure reason.
/// </summary>
public static class TaskRules
{
    /// <summary>Failure reasons produced by infrastructure (not by the agent) — the only ones auto-retried.</summary>
    public static readonly string[] RetryableFailureReasons =
        [FailureReason.RuntimeOffline, FailureReason.RuntimeRecovery, FailureReason.Timeout];

    /// <summary>
    /// Auto-retry rule (docs/task-state-machine.md, "Retry"): failed for an infrastructure reason, attempts left,
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
    public static string AgentStatusFor(bool anyInFlight) => anyInFlight ? AgentStatus.Working : AgentStatus.Idle;

    /// <summary>Failure reason stored when the daemon gives none.</summary>
    public static string EffectiveFailureReason(string? given) =>
        string.IsNullOrEmpty(given) ? FailureReason.AgentError : given;
}
