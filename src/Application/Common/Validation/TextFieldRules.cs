using FluentValidation;

namespace Multica.Application.Common.Validation;

/// <summary>
/// The text-field checks create and update commands share, each with its one error text
/// ("&lt;field&gt; is required", "&lt;field&gt; is too long"; docs/api.md). Lengths count the trimmed text.
/// </summary>
public static class TextFieldRules
{
    /// <summary>A field a partial update may leave out (null) but not send blank.</summary>
    public static IRuleBuilderOptions<T, string?> NotBlankWhenGiven<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(v => v is null || v.Trim().Length > 0).WithMessage($"{field} is required");

    /// <summary>At most <paramref name="max"/> characters once trimmed (null passes).</summary>
    public static IRuleBuilderOptions<T, string?> TrimmedAtMost<T>(this IRuleBuilder<T, string?> rule, int max, string field) =>
        rule.Must(v => v is null || v.Trim().Length <= max).WithMessage($"{field} is too long");
}
