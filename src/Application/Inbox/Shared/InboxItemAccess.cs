using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Inbox.Shared;

/// <summary>An inbox item route's {id}: in the request workspace and addressed to the caller, else 404.</summary>
public sealed class InboxItemAccess(AccessScope scope, ICallerContext caller, IInboxRepository inbox)
{
    public const string NotFound = "inbox item not found";

    public async Task<InboxItem> RequireOwnAsync(string itemId, CancellationToken ct) =>
        (Ids.Parse(itemId) is { } id ? await inbox.FindForMemberAsync(scope.RequireWorkspaceId(), caller.RequireUserId(), id, ct) : null)
        ?? throw new NotFoundException(NotFound);
}
