using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Application.Common.Security;

/// <summary>
/// The daemon workspace rule (docs/auth.md, "Daemon routes"): a daemon token must be bound to the
/// workspace; a user (PAT, JWT or task token) must be a member of it, and a task token acts only in the
/// workspace it was minted for. A miss looks like a missing id (404 "not found").
/// </summary>
public sealed class DaemonWorkspaceAccess(ICallerContext callerContext, IAccessRepository access)
{
    private enum Verdict { Allowed, NotFound, Unauthenticated }

    /// <summary>Throws 404 (or 401 for a caller without user) unless the rule holds; returns the membership (null for a daemon token).</summary>
    public async Task<Member?> RequireAsync(Guid? workspaceId, CancellationToken ct)
    {
        var (verdict, member) = await CheckAsync(workspaceId, ct);
        return verdict switch
        {
            Verdict.Allowed => member,
            Verdict.Unauthenticated => throw new UnauthorizedException(ErrorMessages.UserNotAuthenticated),
            _ => throw new NotFoundException(ErrorMessages.NotFound),
        };
    }

    /// <summary>The same rule as a yes/no, for handlers that skip what the caller may not touch.</summary>
    public async Task<bool> CanAccessAsync(Guid workspaceId, CancellationToken ct) =>
        (await CheckAsync(workspaceId, ct)).Verdict == Verdict.Allowed;

    private async Task<(Verdict Verdict, Member? Member)> CheckAsync(Guid? workspaceId, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (workspaceId is null)
            return (Verdict.NotFound, null);
        if (caller.Kind == CallerKind.DaemonToken)
            return (caller.DaemonWorkspaceId == workspaceId ? Verdict.Allowed : Verdict.NotFound, null);
        if (caller.UserId is not { } userId)
            return (Verdict.Unauthenticated, null);
        if (caller.IsTaskToken && caller.TokenWorkspaceId != workspaceId)
            return (Verdict.NotFound, null);
        var member = await access.FindMembershipAsync(userId, workspaceId.Value, ct);
        return member is null ? (Verdict.NotFound, null) : (Verdict.Allowed, member);
    }
}
