using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Pins.Shared;

namespace Multica.Application.Pins.ListPins;

/// <summary>GET /api/pins: the caller's pins in the workspace, in sidebar order.</summary>
public sealed record ListPinsQuery(string WorkspaceId) : IQuery<IReadOnlyList<PinDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListPinsHandler(AccessScope scope, ICallerContext caller, IPinRepository pins) : IQueryHandler<ListPinsQuery, IReadOnlyList<PinDto>>
{
    public async ValueTask<IReadOnlyList<PinDto>> Handle(ListPinsQuery query, CancellationToken ct) =>
        (await pins.ListAsync(scope.RequireWorkspaceId(), caller.RequireUserId(), ct)).Select(PinDto.From).ToList();
}
