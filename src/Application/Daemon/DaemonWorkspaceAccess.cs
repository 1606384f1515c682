using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Daemon;

/// <summary>
/// The daemon workspace rule (daemon-api.md §2.2) for handlers that only learn the workspace from a
/// row they load themselves (deregister's silent check, gc-check, register): a daemon token must be
/// bound to the workspace, a user must be a member of it.
/// </summary>
public sealed class DaemonWorkspaceAccess(ICallerContext callerContext, IAccessRepository access)
{
    public async Task<bool> CanAccessAsync(Guid workspaceId, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (caller.Kind == CallerKind.DaemonToken)
            return caller.DaemonWorkspaceId == workspaceId;
        if (caller.UserId is not { } userId)
            return false;
        return await access.FindMembershipAsync(userId, workspaceId, ct) is not null;
    }
}
