using Multica.Domain.Entities;
namespace Multica.Application.Pins;

/// <summary>One member's pins in one workspace.</summary>
public interface IPinRepository
{
    /// <summary>By position, then age.</summary>
    Task<IReadOnlyList<PinnedItem>> ListAsync(Guid workspaceId, Guid userId, CancellationToken ct);

    /// <summary>Whether the issue or project exists in the workspace.</summary>
    Task<bool> ItemExistsAsync(Guid workspaceId, string itemType, Guid itemId, CancellationToken ct);

    /// <summary>Pins at the end of the member's list; null when that item is already pinned.</summary>
    Task<PinnedItem?> AddAsync(Guid workspaceId, Guid userId, string itemType, Guid itemId, DateTime now, CancellationToken ct);

    Task DeleteAsync(Guid workspaceId, Guid userId, string itemType, Guid itemId, CancellationToken ct);

    /// <summary>Sets positions of the member's own pins; other ids are ignored.</summary>
    Task ReorderAsync(Guid workspaceId, Guid userId, IReadOnlyList<(Guid Id, double Position)> items, CancellationToken ct);
}
