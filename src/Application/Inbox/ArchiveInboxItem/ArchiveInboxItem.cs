using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Inbox.Shared;

namespace Multica.Application.Inbox.ArchiveInboxItem;

/// <summary>POST /api/inbox/{id}/archive: archives the item and the caller's other items of the same issue.</summary>
public sealed record ArchiveInboxItemCommand(string WorkspaceId, string ItemId) : ICommand<InboxItemDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ArchiveInboxItemHandler(InboxItemAccess access, IInboxRepository inbox, InboxEvents events)
    : ICommandHandler<ArchiveInboxItemCommand, InboxItemDto>
{
    public async ValueTask<InboxItemDto> Handle(ArchiveInboxItemCommand c, CancellationToken ct)
    {
        var item = await access.RequireOwnAsync(c.ItemId, ct);
        var (updated, issueStatus) = await inbox.ArchiveAsync(item.Id, ct);
        events.ItemArchived(updated);
        return InboxItemDto.From(updated, issueStatus);
    }
}
