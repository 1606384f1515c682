using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.DaemonProtocol.Socket;

/// <summary>What a daemon socket serves: its runtimes, their workspaces and (user mode) the user.</summary>
public sealed record DaemonSocketScope(IReadOnlySet<Guid> RuntimeIds, IReadOnlySet<Guid> WorkspaceIds, Guid? UserId, string? DaemonId);

/// <summary>The handshake checks of GET /api/daemon/ws (docs/daemon-websocket.md), before the upgrade.</summary>
public sealed record OpenDaemonSocketQuery(IReadOnlyList<string> RuntimeIds) : IQuery<DaemonSocketScope>;

public sealed class OpenDaemonSocketHandler(ICallerContext callerContext, IAccessRepository access)
    : IQueryHandler<OpenDaemonSocketQuery, DaemonSocketScope>
{
    public const string IdentityRequired = "runtime_ids or user identity required";

    public async ValueTask<DaemonSocketScope> Handle(OpenDaemonSocketQuery query, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (query.RuntimeIds.Count == 0 && caller.UserId is null)
            throw new BadRequestException(IdentityRequired);

        var runtimes = new HashSet<Guid>();
        var workspaces = new HashSet<Guid>();
        foreach (var raw in query.RuntimeIds)
        {
            var runtime = Guid.TryParse(raw.Trim(), out var id) ? await access.FindRuntimeAsync(id, ct) : null;
            if (runtime is null)
                throw new NotFoundException(ErrorMessages.RuntimeNotFound);
            await RequireWorkspaceAccessAsync(caller, runtime, ct);
            // A daemon token speaks for one daemon: another daemon's runtime looks missing.
            if (caller.Kind == CallerKind.DaemonToken && runtime.DaemonId is not null && runtime.DaemonId != caller.DaemonId)
                throw new NotFoundException(ErrorMessages.RuntimeNotFound);
            runtimes.Add(runtime.Id);
            workspaces.Add(runtime.WorkspaceId);
        }
        return new DaemonSocketScope(runtimes, workspaces, caller.UserId, caller.DaemonId);
    }

    private async Task RequireWorkspaceAccessAsync(Caller caller, AgentRuntime runtime, CancellationToken ct)
    {
        if (caller.Kind == CallerKind.DaemonToken)
        {
            if (caller.DaemonWorkspaceId != runtime.WorkspaceId)
                throw new NotFoundException(ErrorMessages.NotFound);
            return;
        }
        if (caller.UserId is not { } userId)
            throw new UnauthorizedException(ErrorMessages.UserNotAuthenticated);
        if (await access.FindMembershipAsync(userId, runtime.WorkspaceId, ct) is null)
            throw new NotFoundException(ErrorMessages.NotFound);
    }
}
