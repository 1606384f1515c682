using Mediator;
using Multica.Application.Comments;
using Multica.Application.Common.Security;
using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.GetTimeline;

/// <summary>GET /api/issues/{id}/timeline: the issue's comments as timeline entries, oldest first (activity logging is out of scope).</summary>
public sealed record GetTimelineQuery(string WorkspaceId, string IssueId) : IQuery<IReadOnlyList<TimelineEntryDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetTimelineHandler(IssueLookup lookup, ICommentRepository comments)
    : IQueryHandler<GetTimelineQuery, IReadOnlyList<TimelineEntryDto>>
{
    public async ValueTask<IReadOnlyList<TimelineEntryDto>> Handle(GetTimelineQuery query, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(query.IssueId, ct);
        return (await comments.ListAsync(issue.Id, null, null, 0, ct)).Select(TimelineEntryDto.From).ToList();
    }
}
