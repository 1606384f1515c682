using Multica.Application.Agents;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Autopilots.Shared;

public sealed class AutopilotAccess(AccessScope scope, IAutopilotRepository autopilots, IAgentRepository agents)
{
    public async Task<Autopilot> RequireAsync(string autopilotId, CancellationToken ct)
    {
        var autopilot = Ids.Parse(autopilotId) is { } id ? await autopilots.FindAsync(scope.RequireWorkspaceId(), id, ct) : null;
        return autopilot ?? throw new NotFoundException("autopilot not found");
    }

    /// <summary>The assignee must be an agent of the request workspace.</summary>
    public async Task<Guid> RequireAssigneeAsync(string? assigneeId, CancellationToken ct)
    {
        var agent = Ids.Parse(assigneeId) is { } id ? await agents.FindAsync(scope.RequireWorkspaceId(), id, ct) : null;
        return agent?.Id ?? throw new BadRequestException("assignee must be a valid agent in this workspace");
    }
}
