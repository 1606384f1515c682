using Multica.Application.Tasks.StateMachine;

namespace Multica.Application.DaemonProtocol.TaskRuns.Shared;

/// <summary>
/// What a daemon reports about the agent's session when a task finishes, either way (complete or fail):
/// the fields both bodies share (docs/daemon-protocol.md).
/// </summary>
public abstract class FinishedTaskReport
{
    public string? SessionId { get; init; }
    public string? WorkDir { get; init; }
    public string? BranchName { get; init; }
    public string? DurableWorkDir { get; init; }
    public bool SessionRolloutMissing { get; init; }
    public string? RetiredSessionId { get; init; }

    /// <summary>The reported session as the state machine takes it.</summary>
    public TaskRunSession Session() =>
        new(SessionId, WorkDir, BranchName, DurableWorkDir, SessionRolloutMissing, RetiredSessionId?.Trim());
}
