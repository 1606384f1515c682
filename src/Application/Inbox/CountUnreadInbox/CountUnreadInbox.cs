using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.Inbox.CountUnreadInbox;

public sealed record UnreadCountDto(int Count);

/// <summary>GET /api/inbox/unread-count: unread, unarchived items of the caller.</summary>
public sealed record CountUnreadInboxQuery(string WorkspaceId) : IQuery<UnreadCountDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CountUnreadInboxHandler(AccessScope scope, ICallerContext caller, IInboxRepository inbox)
    : IQueryHandler<CountUnreadInboxQuery, UnreadCountDto>
{
    public async ValueTask<UnreadCountDto> Handle(CountUnreadInboxQuery query, CancellationToken ct) =>
        new(await inbox.CountUnreadAsync(scope.RequireWorkspaceId(), caller.RequireUserId(), ct));
}
