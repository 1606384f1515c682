using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Skills;
using Multica.Application.Agents.Shared;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Agents.GetAgentSkills;

/// <summary>GET /api/agents/{id}/skills: skills without files, sorted by name.</summary>
public sealed record GetAgentSkillsQuery(string WorkspaceId, string AgentId) : IQuery<IReadOnlyList<SkillDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetAgentSkillsHandler(AgentAccess access, IAgentRepository agents) : IQueryHandler<GetAgentSkillsQuery, IReadOnlyList<SkillDto>>
{
    public async ValueTask<IReadOnlyList<SkillDto>> Handle(GetAgentSkillsQuery query, CancellationToken ct)
    {
        var agent = await access.RequireAsync(query.AgentId, ct);
        var skills = await agents.ListSkillsAsync([agent.Id], ct);
        return skills.TryGetValue(agent.Id, out var s) ? s.Select(SkillDto.From).ToList() : [];
    }
}
