using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Runtimes.Shared;

/// <summary>
/// The user-side runtime checks (docs/auth.md, "Runtimes"): the runtime must exist and the caller must be
/// a member of its workspace — both misses are 404 "runtime not found", never 403; a task token acts only
/// in its own workspace. Some routes further require the runtime's owner or an online runtime.
/// </summary>
public sealed class RuntimeAccess(ICallerContext caller, IAccessRepository access)
{
    public const string RuntimeOffline = "runtime is offline";

    /// <summary>The runtime and the caller's membership in its workspace.</summary>
    public async Task<(AgentRuntime Runtime, Member Member)> RequireAsync(string runtimeId, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var runtime = Ids.Parse(runtimeId) is { } id ? await access.FindRuntimeAsync(id, ct) : null;
        if (runtime is null || (caller.Caller.IsTaskToken && caller.Caller.TokenWorkspaceId != runtime.WorkspaceId))
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        var member = await access.FindMembershipAsync(userId, runtime.WorkspaceId, ct)
            ?? throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        return (runtime, member);
    }

    public async Task<AgentRuntime> RequireMemberAsync(string runtimeId, CancellationToken ct) =>
        (await RequireAsync(runtimeId, ct)).Runtime;

    /// <summary>Member check, then the runtime's owner only (a runtime without owner passes nobody).</summary>
    public async Task<AgentRuntime> RequireOwnerAsync(string runtimeId, CancellationToken ct)
    {
        var runtime = await RequireMemberAsync(runtimeId, ct);
        if (runtime.OwnerId is null || runtime.OwnerId != caller.RequireUserId())
            throw new ForbiddenException(ErrorMessages.InsufficientPermissions);
        return runtime;
    }

    /// <summary>503 "runtime is offline" unless the runtime is online.</summary>
    public static void RequireOnline(AgentRuntime runtime)
    {
        if (runtime.Status != RuntimeStatus.Online)
            throw new ServiceUnavailableException(RuntimeOffline);
    }
}
