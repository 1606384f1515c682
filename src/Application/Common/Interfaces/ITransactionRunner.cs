namespace Multica.Application.Common.Interfaces;

/// <summary>
/// Runs work in one database transaction (retried as a whole on transient failures), joining the transaction
/// already open in this scope. Side effects
/// that must only happen once the data is committed (events, credential-cache eviction, daemon wake-ups,
/// agent reconciliation) are handed to <see cref="AfterCommitAsync"/>: they run when the outermost
/// transaction commits and are dropped when it rolls back (docs/task-state-machine.md, "After commit").
/// </summary>
public interface ITransactionRunner
{
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct);

    /// <summary>
    /// Queues <paramref name="work"/> until the outermost transaction of this scope commits, in the order it was
    /// queued; with no transaction open it runs now. Work queued by a transaction that rolls back never runs.
    /// </summary>
    Task AfterCommitAsync(Func<CancellationToken, Task> work, CancellationToken ct);

    /// <summary>The synchronous form of <see cref="AfterCommitAsync"/>.</summary>
    void AfterCommit(Action work);
}
