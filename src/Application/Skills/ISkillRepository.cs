using Multica.Domain.Entities;

namespace Multica.Application.Skills;

public interface ISkillRepository
{
    /// <summary>Skills of the workspace sorted by name.</summary>
    Task<IReadOnlyList<Skill>> ListAsync(Guid workspaceId, CancellationToken ct);

    Task<Skill?> FindAsync(Guid workspaceId, Guid skillId, CancellationToken ct);

    Task<IReadOnlyList<SkillFile>> ListFilesAsync(Guid skillId, CancellationToken ct);

    /// <summary>Inserts the skill and its files; false when the name is taken in the workspace.</summary>
    Task<bool> AddAsync(Skill skill, IReadOnlyList<SkillFile> files, CancellationToken ct);

    /// <summary>Updates the skill and, when <paramref name="files"/> is given, replaces its files; false on a duplicate name.</summary>
    Task<bool> UpdateAsync(Skill skill, IReadOnlyList<SkillFile>? files, CancellationToken ct);

    Task DeleteAsync(Guid skillId, CancellationToken ct);

    /// <summary>How many of the ids are skills of the workspace.</summary>
    Task<int> CountInWorkspaceAsync(Guid workspaceId, IReadOnlyCollection<Guid> skillIds, CancellationToken ct);

    /// <summary>
    /// The text a claim answer carries for these skills together (names, descriptions, contents, file paths and file
    /// contents, in UTF-8 bytes).
    /// </summary>
    Task<long> ClaimTextBytesAsync(IReadOnlyCollection<Guid> skillIds, CancellationToken ct);

    /// <summary>The largest <see cref="ClaimTextBytesAsync"/> of the skill set of any agent that has this skill (0: none has it).</summary>
    Task<long> LargestAgentClaimTextBytesAsync(Guid skillId, CancellationToken ct);
}
