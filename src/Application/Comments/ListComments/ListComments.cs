using Multica.Application.Reactions.Shared;
using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Comments.ListComments;

/// <summary>The page and, when any paging parameter was used, the issue's total (header X-Total-Count).</summary>
public sealed record CommentPage(IReadOnlyList<CommentDto> Comments, int? Total);

/// <summary>GET /api/issues/{id}/comments[?limit&amp;offset&amp;since] (docs/api.md).</summary>
public sealed record ListCommentsQuery(string WorkspaceId, string IssueId, string? Limit, string? Offset, string? Since)
    : IQuery<CommentPage>, IWorkspaceMemberScoped
{
    public const int DefaultPageSize = 50;
    public const int SinceCap = 500;
    public const int MaxLimit = 1000;
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListCommentsValidator : AbstractValidator<ListCommentsQuery>
{
    public ListCommentsValidator()
    {
        RuleFor(x => x.Limit).Must(l => l is null || int.TryParse(l, out var n) && n >= 1).WithMessage("invalid limit parameter");
        RuleFor(x => x.Offset).Must(o => o is null || int.TryParse(o, out var n) && n >= 0).WithMessage("invalid offset parameter");
        RuleFor(x => x.Since).Must(s => s is null || Rfc3339.IsValid(s)).WithMessage("invalid since parameter; expected RFC3339 format");
    }
}

public sealed class ListCommentsHandler(IssueLookup lookup, ICommentRepository comments, CommentExtrasLoader extras) : IQueryHandler<ListCommentsQuery, CommentPage>
{
    public async ValueTask<CommentPage> Handle(ListCommentsQuery q, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(q.IssueId, ct);
        var paged = q.Limit is not null || q.Offset is not null || q.Since is not null;
        int? limit = q.Limit is not null ? Math.Min(int.Parse(q.Limit), ListCommentsQuery.MaxLimit)
            : q.Offset is not null ? ListCommentsQuery.DefaultPageSize
            : q.Since is not null ? ListCommentsQuery.SinceCap
            : null;
        var offset = q.Offset is not null ? int.Parse(q.Offset) : 0;
        DateTime? since = Rfc3339.TryParse(q.Since, out var s) ? s : null;
        var list = await comments.ListAsync(issue.Id, since, limit, offset, ct);
        var total = paged ? await comments.CountAsync(issue.Id, ct) : (int?)null;
        var extrasOf = await extras.LoadAsync(list, ct);
        return new CommentPage(list.Select(c => CommentDto.From(c, extrasOf(c.Id))).ToList(), total);
    }
}
