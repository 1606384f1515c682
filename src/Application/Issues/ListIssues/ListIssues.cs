using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.ListIssues;

public sealed record IssueListDto(IReadOnlyList<IssueDto> Issues, int Total);

/// <summary>GET /api/issues (docs/api.md). Query values arrive as sent and are validated here.</summary>
public sealed record ListIssuesQuery(
    string WorkspaceId,
    string? Status,
    string? Priority,
    string? AssigneeId,
    string? AssigneeIds,
    string? CreatorId,
    string? ProjectId,
    string? Limit,
    string? Offset,
    string? OpenOnly) : IQuery<IssueListDto>, IWorkspaceMemberScoped
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;

    public IEnumerable<string> AllAssigneeIds =>
        (AssigneeIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Concat(string.IsNullOrWhiteSpace(AssigneeId) ? [] : [AssigneeId.Trim()]);
}

public sealed class ListIssuesValidator : AbstractValidator<ListIssuesQuery>
{
    public ListIssuesValidator()
    {
        RuleFor(x => x.Status).Must(s => string.IsNullOrEmpty(s) || IssueRules.IsStatus(s)).WithMessage(IssueRules.StatusMessage);
        RuleFor(x => x.Priority).Must(p => string.IsNullOrEmpty(p) || IssueRules.IsPriority(p)).WithMessage(IssueRules.PriorityMessage);
        RuleFor(x => x.AllAssigneeIds).Must(ids => ids.All(Ids.IsValid)).WithMessage("invalid assignee_id");
        RuleFor(x => x.CreatorId).Must(Ids.IsNullOrValid).WithMessage("invalid creator_id");
        RuleFor(x => x.ProjectId).Must(Ids.IsNullOrValid).WithMessage("invalid project_id");
        RuleFor(x => x.Limit).Must(l => string.IsNullOrEmpty(l) || int.TryParse(l, out var n) && n is >= 1 and <= ListIssuesQuery.MaxLimit)
            .WithMessage($"invalid limit parameter; expected 1..{ListIssuesQuery.MaxLimit}");
        RuleFor(x => x.Offset).Must(o => string.IsNullOrEmpty(o) || int.TryParse(o, out var n) && n >= 0)
            .WithMessage("invalid offset parameter");
        RuleFor(x => x.OpenOnly).Must(v => string.IsNullOrEmpty(v) || bool.TryParse(v, out _))
            .WithMessage("open_only must be true or false");
    }
}

public sealed class ListIssuesHandler(AccessScope scope, IIssueRepository issues, IssueLookup lookup)
    : IQueryHandler<ListIssuesQuery, IssueListDto>
{
    public async ValueTask<IssueListDto> Handle(ListIssuesQuery q, CancellationToken ct)
    {
        var assignees = q.AllAssigneeIds.Select(a => Ids.Parse(a)!.Value).Distinct().ToList();
        var filter = new IssueFilter(
            scope.RequireWorkspaceId(),
            string.IsNullOrEmpty(q.Status) ? null : q.Status,
            string.IsNullOrEmpty(q.Priority) ? null : q.Priority,
            assignees.Count > 0 ? assignees : null,
            Ids.Parse(q.CreatorId),
            Ids.Parse(q.ProjectId),
            bool.TryParse(q.OpenOnly, out var open) && open,
            int.TryParse(q.Limit, out var limit) ? limit : ListIssuesQuery.DefaultLimit,
            int.TryParse(q.Offset, out var offset) ? offset : 0);
        var (items, total) = await issues.ListAsync(filter, ct);
        var prefix = await lookup.PrefixAsync(ct);
        return new IssueListDto(items.Select(i => IssueDto.From(i, prefix)).ToList(), total);
    }
}
