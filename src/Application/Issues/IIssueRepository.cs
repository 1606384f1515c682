using Multica.Domain.Entities;

namespace Multica.Application.Issues;

public sealed record IssueFilter(
    Guid WorkspaceId,
    string? Status,
    string? Priority,
    IReadOnlyList<Guid>? AssigneeIds,
    Guid? CreatorId,
    Guid? ProjectId,
    bool OpenOnly,
    int Limit,
    int Offset);

public interface IIssueRepository
{
    /// <summary>Matching issues ordered by position, then newest first, and the total matching count.</summary>
    Task<(IReadOnlyList<Issue> Items, int Total)> ListAsync(IssueFilter filter, CancellationToken ct);

    Task<Issue?> FindAsync(Guid workspaceId, Guid issueId, CancellationToken ct);

    /// <summary>
    /// Inside a transaction: the issue, read by the statement that takes its workspace row's key-share lock (the lock of
    /// <see cref="Common.Interfaces.IWorkspaceRepository.ShareLockAsync"/>, one round trip for both); null when either is gone.
    /// </summary>
    Task<Issue?> FindSharingWorkspaceLockAsync(Guid workspaceId, Guid issueId, CancellationToken ct);

    Task<Issue?> FindByNumberAsync(Guid workspaceId, int number, CancellationToken ct);

    /// <summary>Ids of the issues with these numbers in the workspace.</summary>
    Task<IReadOnlyDictionary<int, Guid>> FindIdsByNumbersAsync(Guid workspaceId, IReadOnlyCollection<int> numbers, CancellationToken ct);

    /// <summary>
    /// Allocates the next per-workspace number and inserts (the insert is one statement; inside the caller's transaction when other
    /// writes must commit with it). Returns the workspace's issue prefix, read with the number.
    /// <paramref name="firstTask"/>, when given (<see cref="Tasks.ITaskEnqueueService.FirstTaskFor"/>), is inserted by the same
    /// statement round trip and commits with the issue: an issue assigned to an agent is never stored without its task.
    /// </summary>
    Task<string> CreateAsync(Issue issue, AgentTask? firstTask, CancellationToken ct);

    Task UpdateAsync(Issue issue, CancellationToken ct);

    Task DeleteAsync(Guid issueId, CancellationToken ct);

    Task<Guid?> ParentIdAsync(Guid issueId, CancellationToken ct);

    Task<bool> ProjectExistsAsync(Guid workspaceId, Guid projectId, CancellationToken ct);

    /// <summary>Marks the issue's unfinished autopilot runs failed with the reason.</summary>
    Task FailActiveAutopilotRunsAsync(Guid issueId, string reason, DateTime now, CancellationToken ct);
}
