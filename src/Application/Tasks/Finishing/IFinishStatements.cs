using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// The finish steps' statements for one task, sent together in one round trip once every step has queued its own
/// (docs/task-state-machine.md, "Finish pipeline"). Each statement runs alone: one that fails rolls back only itself,
/// the others are written. What a statement answered is in its <see cref="Queued{T}"/> once <see cref="SendAsync"/>
/// returned; sending with nothing queued costs nothing.
/// </summary>
public interface IFinishStatements
{
    /// <summary>The agent's status reconciled, as <see cref="ITaskContextRepository.ReconcileAgentStatusAsync"/>; its row.</summary>
    Queued<Agent?> ReconcileAgentStatus(Guid agentId, string busyStatus, string idleStatus, DateTime now);

    /// <summary>issue.first_executed_at set when still NULL (updated_at untouched); the issue when this statement set it.</summary>
    Queued<Issue?> StampFirstExecuted(Guid issueId, DateTime now);

    /// <summary>
    /// The agent's comment inserted, unless that agent has commented on the issue since <paramref name="since"/> (with no
    /// time, inserted either way) or the issue is gone; the issue when it was inserted.
    /// </summary>
    Queued<Issue?> InsertCommentUnlessAgentCommented(Comment comment, DateTime? since);

    /// <summary>An activity_log row appended; true once written.</summary>
    Queued<bool> InsertActivity(ActivityLog entry);

    /// <summary>Sends what was queued since the last send, in one round trip, and fills in each answer.</summary>
    Task SendAsync(CancellationToken ct);
}

/// <summary>Where a queued statement stands.</summary>
public enum QueuedState
{
    /// <summary>Not sent yet.</summary>
    Pending,

    /// <summary>Ran; <see cref="Queued{T}.Value"/> is its answer.</summary>
    Answered,

    /// <summary>Failed and rolled back; <see cref="Queued{T}.Error"/> says why.</summary>
    Failed,

    /// <summary>
    /// Sent, but its answer is not known: a statement before it failed and the rest of the round trip's answers were
    /// discarded, or the connection failed. It may have been written.
    /// </summary>
    Unknown,
}

/// <summary>The answer of one statement of <see cref="IFinishStatements"/>.</summary>
public sealed class Queued<T>
{
    public QueuedState State { get; private set; } = QueuedState.Pending;
    public T? Value { get; private set; }
    public Exception? Error { get; private set; }

    public void Answer(T value) => (State, Value) = (QueuedState.Answered, value);

    public void Fail(Exception error) => (State, Error) = (QueuedState.Failed, error);

    public void Lose(Exception error) => (State, Error) = (QueuedState.Unknown, error);
}
