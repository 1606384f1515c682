using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Autopilots.Shared;

namespace Multica.Application.Autopilots.GetAutopilot;

/// <summary>GET /api/autopilots/{id}: {"autopilot", "triggers"}.</summary>
public sealed record GetAutopilotQuery(string WorkspaceId, string AutopilotId) : IQuery<AutopilotDetailDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetAutopilotHandler(AutopilotAccess access, IAutopilotRepository autopilots) : IQueryHandler<GetAutopilotQuery, AutopilotDetailDto>
{
    public async ValueTask<AutopilotDetailDto> Handle(GetAutopilotQuery query, CancellationToken ct)
    {
        var autopilot = await access.RequireAsync(query.AutopilotId, ct);
        var triggers = await autopilots.ListTriggersAsync(autopilot.Id, ct);
        return new AutopilotDetailDto(AutopilotDto.From(autopilot), triggers.Select(AutopilotTriggerDto.From).ToList());
    }
}
