using Multica.Domain.Entities;

namespace Multica.Application.Projects.Shared;

public sealed record ProjectDto(
    Guid Id,
    Guid WorkspaceId,
    string Title,
    string? Description,
    string? Icon,
    string Status,
    string Priority,
    string? LeadType,
    Guid? LeadId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long IssueCount,
    long DoneCount)
{
    public static ProjectDto From(Project p, (long Total, long Done) stats = default) => new(p.Id, p.WorkspaceId, p.Title, p.Description,
        p.Icon, p.Status, p.Priority, p.LeadType, p.LeadId, p.CreatedAt, p.UpdatedAt, stats.Total, stats.Done);
}
