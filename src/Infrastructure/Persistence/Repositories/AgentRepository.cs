using Microsoft.EntityFrameworkCore;
using Multica.Application.Agents;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class AgentRepository(MulticaDbContext db) : IAgentRepository
{
    public async Task<IReadOnlyList<Agent>> ListAsync(Guid workspaceId, bool includeArchived, CancellationToken ct) =>
        await db.Agents.AsNoTracking()
            .Where(a => a.WorkspaceId == workspaceId && (includeArchived || a.ArchivedAt == null))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(ct);

    // A primary-key lookup: on its generic plan (docs/daemon-protocol.md, "Plans").
    public Task<Agent?> FindAsync(Guid workspaceId, Guid agentId, CancellationToken ct) =>
        RawSql.FindInWorkspaceAsync<Agent>(db, agentId, workspaceId, ct);

    public Task<bool> AddAsync(Agent agent, CancellationToken ct)
    {
        db.Agents.Add(agent);
        return db.TrySaveUniqueAsync(ct);
    }

    public Task<bool> UpdateAsync(Agent agent, CancellationToken ct)
    {
        db.Agents.Update(agent);
        return db.TrySaveUniqueAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Skill>>> ListSkillsAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken ct)
    {
        if (agentIds.Count == 0)
            return new Dictionary<Guid, IReadOnlyList<Skill>>();
        var rows = await db.AgentSkills.AsNoTracking()
            .Where(x => agentIds.Contains(x.AgentId))
            .Join(db.Skills, x => x.SkillId, s => s.Id, (x, s) => new { x.AgentId, Skill = s })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.AgentId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<Skill>)g.Select(r => r.Skill).OrderBy(s => s.Name, StringComparer.Ordinal).ToList());
    }

    public async Task ReplaceSkillsAsync(Guid agentId, IReadOnlyCollection<Guid> skillIds, DateTime now, CancellationToken ct)
    {
        await db.AgentSkills.Where(x => x.AgentId == agentId).ExecuteDeleteAsync(ct);
        foreach (var skillId in skillIds)
            db.AgentSkills.Add(new AgentSkill { AgentId = agentId, SkillId = skillId, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
