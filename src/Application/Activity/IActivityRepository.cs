using Multica.Domain.Entities;

namespace Multica.Application.Activity;

public interface IActivityRepository
{
    Task AddAsync(ActivityLog entry, CancellationToken ct);

    /// <summary>The issue's entries, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ActivityLog>> ListForIssueAsync(Guid issueId, int limit, CancellationToken ct);

    /// <summary>How often the member picked each assignee: assignee changes they made plus issues they created with one.</summary>
    Task<IReadOnlyList<(string AssigneeType, Guid AssigneeId, long Frequency)>> AssigneeFrequencyAsync(Guid workspaceId, Guid userId,
        CancellationToken ct);
}
