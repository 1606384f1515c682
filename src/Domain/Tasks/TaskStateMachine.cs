using Multica.Domain.Constants;
using static Multica.Domain.Constants.AgentTaskStatus;

namespace Multica.Domain.Tasks;

/// <summary>
/// The task state machine (docs/task-state-machine.md): every transition the system performs, with its
/// source statuses, and the named status sets the queries filter by. Every SQL statement, EF predicate and
/// partial-index filter that selects tasks by status takes its list from here.
/// </summary>
public static class TaskStateMachine
{
    /// <summary>Waiting for a daemon: queued, or dispatched and possibly re-offered.</summary>
    public static readonly IReadOnlyList<string> Pending = [Queued, Dispatched];

    /// <summary>Claimed and not yet finished: counted against the agent's max_concurrent_tasks.</summary>
    public static readonly IReadOnlyList<string> InFlight = [Dispatched, WaitingLocalDirectory, Running];

    /// <summary>Claimed but not started yet (the dispatch timeout applies).</summary>
    public static readonly IReadOnlyList<string> Unstarted = [Dispatched, WaitingLocalDirectory];

    /// <summary>Not finished: queued or in flight.</summary>
    public static readonly IReadOnlyList<string> Active = [Queued, Dispatched, WaitingLocalDirectory, Running];

    /// <summary>
    /// The active statuses a chat task can be in: chat tasks are never parked in waiting_local_directory,
    /// which only issue tasks with a local project directory use.
    /// </summary>
    public static readonly IReadOnlyList<string> ChatActive = [Queued, Dispatched, Running];

    /// <summary>Finished: no transition leaves these except acknowledging a cancel.</summary>
    public static readonly IReadOnlyList<string> Finished = [Completed, Failed, Cancelled];

    /// <summary>Finished runs whose session may be resumed by the next task on the same issue or chat.</summary>
    public static readonly IReadOnlyList<string> Resumable = [Completed, Failed];

    /// <summary>queued → dispatched: a daemon claims the task.</summary>
    public static readonly TaskStatusTransition Claim = new("claim", [Queued], Dispatched);

    /// <summary>
    /// dispatched → dispatched: a claim whose response was evidently lost (never started, dispatched before the
    /// grace, no live prepare lease) is offered again.
    /// </summary>
    public static readonly TaskStatusTransition Reoffer = new("re-offer", [Dispatched], Dispatched);

    /// <summary>dispatched → waiting_local_directory: the daemon waits for the project's local directory.</summary>
    public static readonly TaskStatusTransition ParkForLocalDirectory =
        new("park for local directory", [Dispatched], WaitingLocalDirectory);

    /// <summary>The daemon, still preparing, extends its prepare lease (status unchanged).</summary>
    public static readonly TaskStatusTransition ExtendLease =
        new("extend lease", [Dispatched, WaitingLocalDirectory], To: null);

    /// <summary>→ running.</summary>
    public static readonly TaskStatusTransition Start = new("start", [Dispatched, WaitingLocalDirectory], Running);

    /// <summary>
    /// → completed. Besides running we accept a claimed task whose start call was lost (started_at is stamped
    /// then): finishing real work beats letting it time out and run again.
    /// </summary>
    public static readonly TaskStatusTransition Complete =
        new("complete", [Running, Dispatched, WaitingLocalDirectory], Completed);

    /// <summary>→ failed, as reported by the daemon or when its restarted daemon recovers orphans.</summary>
    public static readonly TaskStatusTransition Fail = new("fail", InFlight, Failed);

    /// <summary>→ failed: the runtime went offline while the task was in flight.</summary>
    public static readonly TaskStatusTransition FailOnOfflineRuntime = new("fail on offline runtime", InFlight, Failed);

    /// <summary>→ failed: claimed but not started before the dispatch timeout, or running past the run timeout.</summary>
    public static readonly TaskStatusTransition TimeOut = new("time out", InFlight, Failed);

    /// <summary>→ cancelled: any active status.</summary>
    public static readonly TaskStatusTransition Cancel = new("cancel", Active, Cancelled);

    /// <summary>cancelled → cancelled: the daemon acknowledges a cancel and reports what it kept.</summary>
    public static readonly TaskStatusTransition AcknowledgeCancel = new("acknowledge cancel", [Cancelled], Cancelled);

    /// <summary>Every transition, in the order a task meets them.</summary>
    public static readonly IReadOnlyList<TaskStatusTransition> Transitions =
    [
        Claim, Reoffer, ParkForLocalDirectory, ExtendLease, Start, Complete, Fail, FailOnOfflineRuntime, TimeOut,
        Cancel, AcknowledgeCancel,
    ];

    public static bool IsFinished(string status) => Finished.Contains(status);
}
