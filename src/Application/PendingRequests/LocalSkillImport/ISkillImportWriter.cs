using Multica.Application.Skills.Shared;
namespace Multica.Application.PendingRequests.LocalSkillImport;

public sealed record SkillImportFile(string Path, string Content);

public sealed record SkillImportBundle(
    Guid WorkspaceId,
    Guid CreatedBy,
    string Name,
    string Description,
    string Content,
    string ConfigJson,
    IReadOnlyList<SkillImportFile> Files);

/// <summary>Created skill plus its files, or the failure text the import request records.</summary>
public sealed record SkillImportResult(ImportedSkill? Skill, IReadOnlyList<SkillFileDto> Files, string? Failure);

/// <summary>Creates the workspace skill of an import in one transaction (skill + files).</summary>
public interface ISkillImportWriter
{
    public const string DuplicateName = "a skill with this name already exists";

    Task<SkillImportResult> CreateAsync(SkillImportBundle bundle, CancellationToken ct);

    /// <summary>Best-effort removal when the import could not be recorded as completed.</summary>
    Task DeleteAsync(Guid skillId, CancellationToken ct);
}
