using Multica.Application.Common.Realtime;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Inbox.Shared;

namespace Multica.Application.Inbox.BulkInbox;

public sealed record BulkInboxResultDto(int Count);

/// <summary>POST /api/inbox/{mark-all-read|archive-all|archive-all-read|archive-completed}: {"count": changed}.</summary>
public sealed record BulkInboxCommand(string WorkspaceId, BulkInboxAction Action) : ICommand<BulkInboxResultDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class BulkInboxHandler(AccessScope scope, ICallerContext caller, IInboxRepository inbox, InboxEvents events)
    : ICommandHandler<BulkInboxCommand, BulkInboxResultDto>
{
    public async ValueTask<BulkInboxResultDto> Handle(BulkInboxCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var userId = caller.RequireUserId();
        var count = await inbox.BulkAsync(workspaceId, userId, c.Action, ct);
        events.Batch(c.Action == BulkInboxAction.MarkAllRead ? EventTypes.InboxBatchRead : EventTypes.InboxBatchArchived, workspaceId, userId, count);
        return new BulkInboxResultDto(count);
    }
}
