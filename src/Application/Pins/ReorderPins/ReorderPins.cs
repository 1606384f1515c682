using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Pins.Shared;

namespace Multica.Application.Pins.ReorderPins;

public sealed record PinPosition(string? Id, double Position);

/// <summary>PUT /api/pins/reorder {"items": [{"id", "position"}]}: new positions for the caller's pins.</summary>
public sealed record ReorderPinsCommand(string WorkspaceId, IReadOnlyList<PinPosition>? Items) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ReorderPinsValidator : AbstractValidator<ReorderPinsCommand>
{
    public ReorderPinsValidator() =>
        RuleFor(x => x.Items).Must(items => items is null || items.All(i => Ids.IsValid(i.Id))).WithMessage("invalid pin id");
}

public sealed class ReorderPinsHandler(AccessScope scope, ICallerContext caller, IPinRepository pins, PinEvents events)
    : ICommandHandler<ReorderPinsCommand, Unit>
{
    public async ValueTask<Unit> Handle(ReorderPinsCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var userId = caller.RequireUserId();
        var items = (c.Items ?? []).Select(i => (Ids.Parse(i.Id)!.Value, i.Position)).ToList();
        await pins.ReorderAsync(workspaceId, userId, items, ct);
        events.Reordered(workspaceId, userId, c.Items ?? []);
        return Unit.Value;
    }
}
