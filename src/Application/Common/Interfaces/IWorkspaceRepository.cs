using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

public interface IWorkspaceRepository
{
    Task<Workspace?> FindByIdAsync(Guid id, CancellationToken ct);
    Task<IReadOnlyList<Workspace>> ListForUserAsync(Guid userId, CancellationToken ct);
    Task<bool> SlugExistsAsync(string slug, CancellationToken ct);
    /// <summary>Creates the workspace and the owner's membership in one transaction; false on a duplicate slug.</summary>
    Task<bool> CreateWithOwnerAsync(Workspace workspace, Member owner, CancellationToken ct);
    Task AddMemberAsync(Member member, CancellationToken ct);
}
