using FluentValidation;
using Multica.Application.Common;

namespace Multica.Application.Issues.Shared;

/// <summary>The issue fields that create and update check alike.</summary>
public interface IIssueFields
{
    string? Title { get; }
    string? Description { get; }
    string? Status { get; }
    string? Priority { get; }
}

/// <summary>Length and vocabulary limits of title, description, status and priority ("title is required" differs, so each command keeps its own).</summary>
/// <remarks>Internal, so the assembly scan does not register it on its own.</remarks>
internal sealed class IssueFieldsValidator : AbstractValidator<IIssueFields>
{
    public IssueFieldsValidator()
    {
        RuleFor(x => x.Title).Must(t => t is null || t.Length <= IssueRules.MaxTitleLength).WithMessage("title is too long");
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= IssueRules.MaxDescriptionLength).WithMessage("description is too long");
        RuleFor(x => x.Status).Must(IssueRules.IsStatus).WithMessage(IssueRules.StatusMessage);
        RuleFor(x => x.Priority).Must(IssueRules.IsPriority).WithMessage(IssueRules.PriorityMessage);
    }
}

/// <summary>The checks of an issue's references and dates, shared by create and update, each with its one error text.</summary>
public static class IssueReferenceRules
{
    public static IRuleBuilderOptions<T, string?> ValidAssigneeId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Ids.IsNullOrValid).WithMessage("invalid assignee_id");

    /// <summary>A malformed parent id reads as a parent that is not there (as upstream answers).</summary>
    public static IRuleBuilderOptions<T, string?> ValidParentIssueId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Ids.IsNullOrValid).WithMessage("parent issue not found in this workspace");

    public static IRuleBuilderOptions<T, string?> ValidProjectId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Ids.IsNullOrValid).WithMessage("invalid project_id");

    public static IRuleBuilderOptions<T, string?> ValidDueDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(d => string.IsNullOrEmpty(d) || Rfc3339.IsValid(d)).WithMessage("invalid due_date format, expected RFC3339");
}
