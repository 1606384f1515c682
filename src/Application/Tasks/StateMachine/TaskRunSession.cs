namespace Multica.Application.Tasks.StateMachine;

/// <summary>
/// What a finished run left behind, reported with complete and fail alike. SessionRolloutMissing: the agent's
/// session cannot be resumed, so it is stored as NULL (never offered as prior_session_id). RetiredSessionId: a
/// session the run abandoned, never offered again (docs/task-state-machine.md).
/// </summary>
public sealed record TaskRunSession(string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir,
    bool SessionRolloutMissing = false, string? RetiredSessionId = null)
{
    public static readonly TaskRunSession None = new(null, null, null, null);

    public string? ResumableSessionId => SessionRolloutMissing ? null : SessionId;
}
