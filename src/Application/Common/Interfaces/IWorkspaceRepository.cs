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

    /// <summary>
    /// Inside a transaction: takes the workspace row's key-share lock, the lock every row that references the
    /// workspace takes anyway, but first, so a concurrent workspace delete (which locks the workspace, then its
    /// issues) is waited for instead of deadlocked with. False when the workspace is gone.
    /// </summary>
    Task<bool> ShareLockAsync(Guid id, CancellationToken ct);

    /// <summary>
    /// Inside the transaction that deletes the workspace: locks its row as the delete would, but before anything is
    /// read for the delete, so rows that reference the workspace can no longer be added meanwhile (their own key-share
    /// lock waits, then finds the workspace gone). False when the workspace is gone.
    /// </summary>
    Task<bool> LockForDeleteAsync(Guid id, CancellationToken ct);
}
