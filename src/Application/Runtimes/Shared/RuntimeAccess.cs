using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Runtimes;

/// <summary>
/// control-plane.md §8.2 steps 1–2: the runtime must exist and the caller must be a member of its
/// workspace; both misses are 404 "runtime not found". Returns the runtime and the caller's membership.
/// </summary>
public sealed class RuntimeAccess(ICallerContext caller, IRuntimeRepository runtimes, IAccessRepository access)
{
    public async Task<(AgentRuntime Runtime, Member Member)> RequireAsync(string runtimeId, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var runtime = Ids.Parse(runtimeId) is { } id ? await runtimes.FindAsync(id, ct) : null;
        if (runtime is null || (caller.Caller.IsTaskToken && caller.Caller.TokenWorkspaceId != runtime.WorkspaceId))
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        var member = await access.FindMembershipAsync(userId, runtime.WorkspaceId, ct)
            ?? throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        return (runtime, member);
    }
}
