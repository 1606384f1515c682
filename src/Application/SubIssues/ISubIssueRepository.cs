using Multica.Domain.Entities;

namespace Multica.Application.SubIssues;

public interface ISubIssueRepository
{
    /// <summary>The issue's direct children by position, newest first at equal positions.</summary>
    Task<IReadOnlyList<Issue>> ListChildrenAsync(Guid parentId, CancellationToken ct);

    /// <summary>Per parent issue of the workspace: children, and how many are done or cancelled.</summary>
    Task<IReadOnlyList<(Guid ParentIssueId, long Total, long Done)>> ProgressAsync(Guid workspaceId, CancellationToken ct);
}
