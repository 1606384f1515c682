using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

/// <summary>The look-ups the authorization behaviour needs (membership results may be cached).</summary>
public interface IAccessRepository
{
    Task<AgentRuntime?> FindRuntimeAsync(Guid runtimeId, CancellationToken ct);

    /// <summary>
    /// The runtime for the daemon routes' access check, served from a short in-memory cache: only its
    /// identity (id, workspace) is relied on, which never changes; a deleted runtime may still be found
    /// until <see cref="EvictRuntime"/> or the cache lifetime.
    /// </summary>
    Task<AgentRuntime?> FindDaemonRuntimeAsync(Guid runtimeId, CancellationToken ct);

    /// <summary>Drops a runtime from the daemon routes' cache (deleted).</summary>
    void EvictRuntime(Guid runtimeId);

    /// <summary>The task and its workspace (issue → chat session → autopilot run), in one query.</summary>
    Task<(AgentTask Task, Guid? WorkspaceId)?> FindTaskWithWorkspaceAsync(Guid taskId, CancellationToken ct);

    /// <summary>
    /// The task's identity for the <see cref="IDaemonTaskRefScoped"/> routes, served from a short
    /// in-memory cache (positive answers only): it never changes, so a cached entry is never wrong, but a task
    /// deleted meanwhile may still be found until the cache lifetime ends.
    /// </summary>
    Task<TaskRef?> FindTaskRefAsync(Guid taskId, CancellationToken ct);

    /// <summary>Puts a task's identity in that cache (the claim knows it: the task's next requests skip the query).</summary>
    void RememberTaskRef(TaskRef task);

    /// <summary>The caller's membership of a workspace, or null.</summary>
    Task<Member?> FindMembershipAsync(Guid userId, Guid workspaceId, CancellationToken ct);

    Task<Guid?> FindWorkspaceIdBySlugAsync(string slug, CancellationToken ct);

    /// <summary>The workspace and creator of a chat session (only its creator may use it).</summary>
    Task<(Guid WorkspaceId, Guid CreatorId)?> FindChatSessionOwnerAsync(Guid chatSessionId, CancellationToken ct);
}
