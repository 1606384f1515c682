using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Agents.Shared;

/// <summary>Agent look-up inside the request workspace and the "manage" permission (docs/api.md).</summary>
public sealed class AgentAccess(AccessScope scope, ICallerContext caller, IAgentRepository agents)
{
    public async Task<Agent> RequireAsync(string agentId, CancellationToken ct)
    {
        var agent = Ids.Parse(agentId) is { } id ? await agents.FindAsync(scope.RequireWorkspaceId(), id, ct) : null;
        return agent ?? throw new NotFoundException("agent not found");
    }

    /// <summary>The agent's owner, or a workspace owner/admin.</summary>
    public bool CanManage(Agent agent) =>
        agent.OwnerId == caller.Caller.UserId || MemberRole.IsOwnerOrAdmin(scope.Member?.Role);

    public async Task<Agent> RequireManageableAsync(string agentId, CancellationToken ct)
    {
        var agent = await RequireAsync(agentId, ct);
        if (!CanManage(agent))
            throw new ForbiddenException("only the agent owner can manage this agent");
        return agent;
    }
}
