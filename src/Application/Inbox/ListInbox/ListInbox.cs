using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Inbox.Shared;

namespace Multica.Application.Inbox.ListInbox;

/// <summary>GET /api/inbox: the caller's unarchived items in the workspace, newest first.</summary>
public sealed record ListInboxQuery(string WorkspaceId) : IQuery<IReadOnlyList<InboxItemDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListInboxHandler(AccessScope scope, ICallerContext caller, IInboxRepository inbox)
    : IQueryHandler<ListInboxQuery, IReadOnlyList<InboxItemDto>>
{
    public async ValueTask<IReadOnlyList<InboxItemDto>> Handle(ListInboxQuery query, CancellationToken ct) =>
        (await inbox.ListAsync(scope.RequireWorkspaceId(), caller.RequireUserId(), ct))
        .Select(r => InboxItemDto.From(r.Item, r.IssueStatus)).ToList();
}
