namespace Multica.Application.TaskQueue;

/// <summary>Tasks counted per (runtime, status).</summary>
public sealed record QueueDepthRow(Guid RuntimeId, string Status, long Count);

/// <summary>One task as the overview lists it.</summary>
public sealed record QueueTaskRow(Guid Id, Guid RuntimeId, Guid AgentId, Guid? IssueId, string Status, int Attempt, int MaxAttempts,
    string? FailureReason, Guid? ParentTaskId, DateTime CreatedAt, DateTime? DispatchedAt, DateTime? StartedAt, DateTime? CompletedAt,
    string RuntimeStatus);

/// <summary>Tasks that finished in one minute, by final status.</summary>
public sealed record FinishedMinuteRow(DateTime Minute, string Status, long Count);

/// <summary>Read-only aggregates over the tasks of one workspace's runtimes (docs/dashboard.md).</summary>
public interface ITaskQueueOverviewRepository
{
    /// <summary>Unfinished tasks per runtime and status.</summary>
    Task<IReadOnlyList<QueueDepthRow>> DepthAsync(Guid workspaceId, CancellationToken ct);

    /// <summary>
    /// Unfinished tasks past the queue: on an offline runtime, or dispatched before <paramref name="dispatchedBefore"/>
    /// and never started. Oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<QueueTaskRow>> StuckAsync(Guid workspaceId, DateTime dispatchedBefore, int limit, CancellationToken ct);

    /// <summary>Tasks that are a retry of an earlier attempt, created since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<QueueTaskRow>> RetriedAsync(Guid workspaceId, DateTime since, int limit, CancellationToken ct);

    /// <summary>Tasks finished since <paramref name="since"/>, per UTC minute and final status.</summary>
    Task<IReadOnlyList<FinishedMinuteRow>> FinishedPerMinuteAsync(Guid workspaceId, DateTime since, CancellationToken ct);
}
