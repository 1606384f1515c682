using FluentValidation;

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
