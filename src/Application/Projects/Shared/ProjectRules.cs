using Multica.Domain.Entities;
using FluentValidation;
using Multica.Application.Common;
using Multica.Domain.Constants;

namespace Multica.Application.Projects.Shared;

/// <summary>Field rules shared by create and update (status, priority, lead).</summary>
public static class ProjectRules
{
    public const string NotFound = "project not found";
    public static readonly string InvalidStatus = "invalid status; expected one of: " + string.Join(", ", ProjectStatus.All);
    public static readonly string InvalidPriority = "invalid priority; expected one of: " + string.Join(", ", IssuePriority.All);
    public const string InvalidLeadType = "invalid lead_type; expected member or agent";
    public const string InvalidLeadId = "invalid lead_id";
    public const int MaxTitleLength = 500;

    public static void AddFieldRules<T>(AbstractValidator<T> v, Func<T, string?> status, Func<T, string?> priority, Func<T, string?> leadType,
        Func<T, string?> leadId)
    {
        v.RuleFor(x => status(x)).Must(s => string.IsNullOrEmpty(s) || ProjectStatus.All.Contains(s)).WithMessage(InvalidStatus);
        v.RuleFor(x => priority(x)).Must(p => string.IsNullOrEmpty(p) || IssuePriority.All.Contains(p)).WithMessage(InvalidPriority);
        v.RuleFor(x => leadType(x)).Must(t => string.IsNullOrEmpty(t) || t is ActorType.Member or ActorType.Agent).WithMessage(InvalidLeadType);
        v.RuleFor(x => leadId(x)).Must(Ids.IsNullOrValid).WithMessage(InvalidLeadId);
    }
}
