using Microsoft.EntityFrameworkCore;
using Multica.Application.Skills;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class SkillRepository(MulticaDbContext db) : ISkillRepository
{
    public async Task<IReadOnlyList<Skill>> ListAsync(Guid workspaceId, CancellationToken ct) =>
        (await db.Skills.AsNoTracking().Where(s => s.WorkspaceId == workspaceId).ToListAsync(ct))
        .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public Task<Skill?> FindAsync(Guid workspaceId, Guid skillId, CancellationToken ct) =>
        db.Skills.AsNoTracking().FirstOrDefaultAsync(s => s.Id == skillId && s.WorkspaceId == workspaceId, ct);

    public async Task<IReadOnlyList<SkillFile>> ListFilesAsync(Guid skillId, CancellationToken ct) =>
        (await db.SkillFiles.AsNoTracking().Where(f => f.SkillId == skillId).ToListAsync(ct))
        .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    public async Task<bool> AddAsync(Skill skill, IReadOnlyList<SkillFile> files, CancellationToken ct)
    {
        db.Skills.Add(skill);
        db.SkillFiles.AddRange(files);
        return await db.TrySaveUniqueAsync(ct);
    }

    public async Task<bool> UpdateAsync(Skill skill, IReadOnlyList<SkillFile>? files, CancellationToken ct)
    {
        if (files is not null)
        {
            await db.SkillFiles.Where(f => f.SkillId == skill.Id).ExecuteDeleteAsync(ct);
            db.SkillFiles.AddRange(files);
        }
        db.Skills.Update(skill);
        return await db.TrySaveUniqueAsync(ct);
    }

    public Task DeleteAsync(Guid skillId, CancellationToken ct) => db.Skills.Where(s => s.Id == skillId).ExecuteDeleteAsync(ct);

    public Task<int> CountInWorkspaceAsync(Guid workspaceId, IReadOnlyCollection<Guid> skillIds, CancellationToken ct) =>
        skillIds.Count == 0 ? Task.FromResult(0) : db.Skills.CountAsync(s => s.WorkspaceId == workspaceId && skillIds.Contains(s.Id), ct);

    // One skill's text as the claim answer carries it (ClaimedTaskBuilder: name, description, content, each file's
    // path and content), in UTF-8 bytes; octet_length reads a text's stored length without decompressing it.
    private const string SkillBytes = """
        octet_length(s.name) + octet_length(s.description) + octet_length(s.content)
            + COALESCE((SELECT sum(octet_length(f.path) + octet_length(f.content)) FROM skill_file f WHERE f.skill_id = s.id), 0)
        """;

    public async Task<long> ClaimTextBytesAsync(IReadOnlyCollection<Guid> skillIds, CancellationToken ct) =>
        skillIds.Count == 0 ? 0 : (await RawSql.QueryAsync(db, $"SELECT COALESCE(sum({SkillBytes}), 0)::bigint FROM skill s WHERE s.id = ANY(@ids)",
            [RawSql.Uuids("ids", skillIds)], reader => reader.GetInt64(0), ct)).Single();

    public async Task<long> LargestAgentClaimTextBytesAsync(Guid skillId, CancellationToken ct) =>
        (await RawSql.QueryAsync(db, $"""
            SELECT COALESCE(max(per_agent.bytes), 0)::bigint FROM (
                SELECT sum({SkillBytes}) AS bytes
                FROM agent_skill mine
                JOIN agent_skill theirs ON theirs.agent_id = mine.agent_id
                JOIN skill s ON s.id = theirs.skill_id
                WHERE mine.skill_id = @skill
                GROUP BY mine.agent_id) per_agent
            """, [RawSql.P("skill", skillId)], reader => reader.GetInt64(0), ct)).Single();
}
