using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Pins.Shared;

namespace Multica.Application.Pins.DeletePin;

/// <summary>DELETE /api/pins/{itemType}/{itemId}: unpins (a pin that does not exist is already gone).</summary>
public sealed record DeletePinCommand(string WorkspaceId, string ItemType, string ItemId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeletePinHandler(AccessScope scope, ICallerContext caller, IPinRepository pins, PinEvents events)
    : ICommandHandler<DeletePinCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeletePinCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var userId = caller.RequireUserId();
        if (Ids.Parse(c.ItemId) is { } itemId)
            await pins.DeleteAsync(workspaceId, userId, c.ItemType, itemId, ct);
        events.Deleted(workspaceId, userId, c.ItemType, c.ItemId);
        return Unit.Value;
    }
}
