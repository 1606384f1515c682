using Multica.Domain.Entities;

namespace Multica.Application.Agents;

public interface IAgentRepository
{
    /// <summary>Agents of the workspace, oldest first.</summary>
    Task<IReadOnlyList<Agent>> ListAsync(Guid workspaceId, bool includeArchived, CancellationToken ct);

    /// <summary>The agent if it belongs to the workspace.</summary>
    Task<Agent?> FindAsync(Guid workspaceId, Guid agentId, CancellationToken ct);

    /// <summary>Inserts; false when the name is taken in the workspace.</summary>
    Task<bool> AddAsync(Agent agent, CancellationToken ct);

    /// <summary>Writes every column; false when the new name is taken in the workspace.</summary>
    Task<bool> UpdateAsync(Agent agent, CancellationToken ct);

    /// <summary>Skills attached to each agent, sorted by name.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<Skill>>> ListSkillsAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken ct);

    /// <summary>Replaces the agent's skill set.</summary>
    Task ReplaceSkillsAsync(Guid agentId, IReadOnlyCollection<Guid> skillIds, DateTime now, CancellationToken ct);
}
