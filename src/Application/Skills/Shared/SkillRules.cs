using System.Text.Json;
using FluentValidation;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Skills;

public static class SkillRules
{
    public const int MaxNameLength = 255;
    public const int MaxContentLength = 1_000_000;
    public const int MaxFiles = 500;

    /// <summary>Its creator or a workspace owner/admin.</summary>
    public static void RequireManage(Skill skill, Guid userId, Member? member)
    {
        if (skill.CreatedBy == userId || member?.Role is MemberRole.Owner or MemberRole.Admin)
            return;
        throw new ForbiddenException("only the skill creator can manage this skill");
    }

    public static IRuleBuilderOptions<T, IReadOnlyList<SkillFileInput?>?> ValidFiles<T>(this IRuleBuilder<T, IReadOnlyList<SkillFileInput?>?> rule) =>
        rule.Must(files => files is null || files.Count <= MaxFiles).WithMessage("too many files");

    public static bool IsObjectOrAbsent(JsonElement? config) =>
        config is null || config.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null;

    /// <summary>First invalid path, or null.</summary>
    public static string? FirstInvalidPath(IReadOnlyList<SkillFileInput?>? files)
    {
        foreach (var file in files ?? [])
            if (!SkillPaths.IsValid(file?.Path))
                return file?.Path ?? "";
        return null;
    }

    /// <summary>One row per path (a later duplicate wins), paths as sent.</summary>
    public static List<SkillFile> ToEntities(Guid skillId, IReadOnlyList<SkillFileInput?> files, DateTime now) =>
        files.OfType<SkillFileInput>().GroupBy(f => f.Path!, StringComparer.Ordinal)
            .Select(g => new SkillFile
            {
                Id = Guid.NewGuid(), SkillId = skillId, Path = g.Key, Content = g.Last().Content ?? "", CreatedAt = now, UpdatedAt = now,
            })
            .ToList();
}
