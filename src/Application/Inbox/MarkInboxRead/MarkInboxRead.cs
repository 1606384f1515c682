using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Inbox.Shared;

namespace Multica.Application.Inbox.MarkInboxRead;

/// <summary>POST /api/inbox/{id}/read.</summary>
public sealed record MarkInboxReadCommand(string WorkspaceId, string ItemId) : ICommand<InboxItemDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class MarkInboxReadHandler(InboxItemAccess access, IInboxRepository inbox, InboxEvents events)
    : ICommandHandler<MarkInboxReadCommand, InboxItemDto>
{
    public async ValueTask<InboxItemDto> Handle(MarkInboxReadCommand c, CancellationToken ct)
    {
        var item = await access.RequireOwnAsync(c.ItemId, ct);
        var (updated, issueStatus) = await inbox.MarkReadAsync(item.Id, ct);
        events.ItemRead(updated);
        return InboxItemDto.From(updated, issueStatus);
    }
}
