using Multica.Domain.Entities;

namespace Multica.Application.Inbox;

/// <summary>A member's inbox in one workspace. Items of other recipients or workspaces are never returned.</summary>
public interface IInboxRepository
{
    /// <summary>Unarchived items of the recipient, newest first, each with its issue's current status.</summary>
    Task<IReadOnlyList<(InboxItem Item, string? IssueStatus)>> ListAsync(Guid workspaceId, Guid userId, CancellationToken ct);

    Task<int> CountUnreadAsync(Guid workspaceId, Guid userId, CancellationToken ct);

    /// <summary>The item when it is in the workspace and addressed to the member.</summary>
    Task<InboxItem?> FindForMemberAsync(Guid workspaceId, Guid userId, Guid itemId, CancellationToken ct);

    Task<(InboxItem Item, string? IssueStatus)> MarkReadAsync(Guid itemId, CancellationToken ct);

    /// <summary>Archives the item and, when it concerns an issue, the recipient's other items of that issue.</summary>
    Task<(InboxItem Item, string? IssueStatus)> ArchiveAsync(Guid itemId, CancellationToken ct);

    /// <summary>Applies a bulk action to the member's items; returns how many changed.</summary>
    Task<int> BulkAsync(Guid workspaceId, Guid userId, BulkInbox.BulkInboxAction action, CancellationToken ct);

    /// <summary>Inserts items (ids and timestamps set by the caller).</summary>
    Task AddAsync(IReadOnlyList<InboxItem> items, CancellationToken ct);
}
