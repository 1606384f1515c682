using Multica.Application.Issues.Shared;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Subscriptions.Shared;

namespace Multica.Application.Subscriptions.ListSubscribers;

/// <summary>GET /api/issues/{id}/subscribers: oldest first.</summary>
public sealed record ListSubscribersQuery(string WorkspaceId, string IssueId) : IQuery<IReadOnlyList<SubscriberDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListSubscribersHandler(IssueLookup lookup, ISubscriberRepository subscribers)
    : IQueryHandler<ListSubscribersQuery, IReadOnlyList<SubscriberDto>>
{
    public async ValueTask<IReadOnlyList<SubscriberDto>> Handle(ListSubscribersQuery query, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(query.IssueId, ct);
        return (await subscribers.ListAsync(issue.Id, ct)).Select(SubscriberDto.From).ToList();
    }
}
