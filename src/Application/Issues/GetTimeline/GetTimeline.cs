using Mediator;
using Multica.Application.Activity;
using Multica.Application.Activity.Shared;
using Multica.Application.Comments;
using Multica.Application.Common.Security;
using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.GetTimeline;

/// <summary>
/// GET /api/issues/{id}/timeline: the issue's activity entries (at most <see cref="ActivityLimit"/>) and all its
/// comments, merged oldest first; at equal times activity comes before comments.
/// </summary>
public sealed record GetTimelineQuery(string WorkspaceId, string IssueId) : IQuery<IReadOnlyList<TimelineEntryDto>>, IWorkspaceMemberScoped
{
    public const int ActivityLimit = 200;
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetTimelineHandler(IssueLookup lookup, ICommentRepository comments, IActivityRepository activity,
    CommentExtrasLoader extras)
    : IQueryHandler<GetTimelineQuery, IReadOnlyList<TimelineEntryDto>>
{
    public async ValueTask<IReadOnlyList<TimelineEntryDto>> Handle(GetTimelineQuery query, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(query.IssueId, ct);
        var issueComments = await comments.ListAsync(issue.Id, null, null, 0, ct);
        var extrasOf = await extras.LoadAsync(issueComments, ct);
        var entries = (await activity.ListForIssueAsync(issue.Id, GetTimelineQuery.ActivityLimit, ct)).Select(TimelineEntryDto.FromActivity)
            .Concat(issueComments.Select(c => TimelineEntryDto.FromComment(c, extrasOf(c.Id))));
        return entries.OrderBy(e => e.CreatedAt).ToList();
    }
}
