using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Skills.Shared;

/// <summary>
/// Skill object (docs/api.md). Timestamps and workspace id are strings because the agent list
/// embeds partial skills whose other keys are zero-valued ("" / null).
/// </summary>
public sealed record SkillDto(
    string Id,
    string WorkspaceId,
    string Name,
    string Description,
    string Content,
    JsonElement? Config,
    string? CreatedBy,
    string CreatedAt,
    string UpdatedAt)
{
    public static SkillDto From(Skill s) => new(s.Id.ToString(), s.WorkspaceId.ToString(), s.Name, s.Description, s.Content,
        JsonText.Parse(s.Config, "{}"), s.CreatedBy?.ToString(), Rfc3339.Format(s.CreatedAt), Rfc3339.Format(s.UpdatedAt));

    /// <summary>The agent list's skill entry: id, name and description only.</summary>
    public static SkillDto Partial(Skill s) => new(s.Id.ToString(), "", s.Name, s.Description, "", null, null, "", "");
}

public sealed record SkillFileDto(Guid Id, Guid SkillId, string Path, string Content, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SkillFileDto From(SkillFile f) => new(f.Id, f.SkillId, f.Path, f.Content, f.CreatedAt, f.UpdatedAt);
}

public sealed record SkillWithFilesDto(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string Description,
    string Content,
    JsonElement Config,
    Guid? CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<SkillFileDto> Files)
{
    public static SkillWithFilesDto From(Skill s, IEnumerable<SkillFile> files) => new(s.Id, s.WorkspaceId, s.Name, s.Description,
        s.Content, JsonText.Parse(s.Config, "{}"), s.CreatedBy, s.CreatedAt, s.UpdatedAt,
        files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(SkillFileDto.From).ToList());
}

/// <summary>A file as sent in a create/update body.</summary>
public sealed record SkillFileInput(string? Path, string? Content);
