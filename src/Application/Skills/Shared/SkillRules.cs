using System.Text.Json;
using FluentValidation;
using Multica.Domain.Entities;

namespace Multica.Application.Skills.Shared;

public static class SkillRules
{
    public const int MaxNameLength = 255;
    public const int MaxContentLength = 1_000_000;
    public const int MaxFiles = 500;

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

    /// <summary>"invalid file path: &lt;the first bad path&gt;" when any file's path is not a valid relative path.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<SkillFileInput?>?> ValidFilePaths<T>(
        this IRuleBuilder<T, IReadOnlyList<SkillFileInput?>?> rule) =>
        rule.Must(f => FirstInvalidPath(f) is null).WithMessage((_, files) => $"invalid file path: {FirstInvalidPath(files)}");

    /// <summary>One row per path (a later duplicate wins), paths as sent.</summary>
    public static List<SkillFile> ToEntities(Guid skillId, IReadOnlyList<SkillFileInput?> files, DateTime now) =>
        files.OfType<SkillFileInput>().GroupBy(f => f.Path!, StringComparer.Ordinal)
            .Select(g => new SkillFile
            {
                Id = Guid.NewGuid(), SkillId = skillId, Path = g.Key, Content = g.Last().Content ?? "", CreatedAt = now, UpdatedAt = now,
            })
            .ToList();
}

/// <summary>The skill fields that create and update check alike.</summary>
public interface ISkillFields
{
    string? Description { get; }
    string? Content { get; }
    JsonElement? Config { get; }
    IReadOnlyList<SkillFileInput?>? Files { get; }
}

/// <summary>Limits of description, content, config and file count ("name is required" and the path check differ per command).</summary>
/// <remarks>Internal, so the assembly scan does not register it on its own.</remarks>
internal sealed class SkillFieldsValidator : AbstractValidator<ISkillFields>
{
    public SkillFieldsValidator()
    {
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= 10_000).WithMessage("description is too long");
        RuleFor(x => x.Content).Must(c => c is null || c.Length <= SkillRules.MaxContentLength).WithMessage("content is too long");
        RuleFor(x => x.Config).Must(SkillRules.IsObjectOrAbsent).WithMessage("config must be an object");
        RuleFor(x => x.Files).Must(files => files is null || files.Count <= SkillRules.MaxFiles).WithMessage("too many files");
    }
}
