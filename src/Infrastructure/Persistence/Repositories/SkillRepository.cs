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
}
