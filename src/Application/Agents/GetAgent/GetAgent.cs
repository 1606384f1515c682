using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Skills;
using Multica.Application.Agents.Shared;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Agents.GetAgent;

/// <summary>GET /api/agents/{id}: full skill objects sorted by name.</summary>
public sealed record GetAgentQuery(string WorkspaceId, string AgentId) : IQuery<AgentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetAgentHandler(AgentAccess access, IAgentRepository agents) : IQueryHandler<GetAgentQuery, AgentDto>
{
    public async ValueTask<AgentDto> Handle(GetAgentQuery query, CancellationToken ct)
    {
        var agent = await access.RequireAsync(query.AgentId, ct);
        var skills = await agents.ListSkillsAsync([agent.Id], ct);
        return AgentDto.From(agent, skills.TryGetValue(agent.Id, out var s) ? s.Select(SkillDto.From).ToList() : [],
            redact: !access.CanManage(agent));
    }
}
