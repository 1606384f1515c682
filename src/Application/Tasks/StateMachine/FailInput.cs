namespace Multica.Application.Tasks.StateMachine;

/// <summary>What a daemon reports with a failure; see <see cref="CompleteInput"/> for the session fields.</summary>
public sealed record FailInput(string? Error, string? FailureReason, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir,
    bool SessionRolloutMissing = false, string? RetiredSessionId = null)
{
    public string? ResumableSessionId => SessionRolloutMissing ? null : SessionId;
}
