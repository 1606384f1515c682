using Multica.Application.Search.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Projects;

public interface IProjectRepository
{
    /// <summary>The workspace's projects, newest first, optionally of one status and priority.</summary>
    Task<IReadOnlyList<Project>> ListAsync(Guid workspaceId, string? status, string? priority, CancellationToken ct);

    Task<Project?> FindAsync(Guid workspaceId, Guid projectId, CancellationToken ct);

    Task AddAsync(Project project, CancellationToken ct);

    Task UpdateAsync(Project project, CancellationToken ct);

    /// <summary>Deletes the project; its issues stay, without a project.</summary>
    Task DeleteAsync(Guid projectId, CancellationToken ct);

    /// <summary>Per project: its issues and how many of them are done or cancelled.</summary>
    Task<IReadOnlyDictionary<Guid, (long Total, long Done)>> IssueStatsAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct);

    /// <summary>Projects whose title or description match, best first (exact title, title prefix, title, all words in title, description).</summary>
    Task<(IReadOnlyList<(Project Project, string MatchSource)> Hits, int Total)> SearchAsync(Guid workspaceId, IssueSearchTerms terms,
        int limit, int offset, CancellationToken ct);
}
