using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

/// <summary>The look-ups the authorization behaviour needs (membership results may be cached).</summary>
public interface IAccessRepository
{
    Task<AgentRuntime?> FindRuntimeAsync(Guid runtimeId, CancellationToken ct);

    /// <summary>The task and its workspace (issue → chat session → autopilot run), in one query.</summary>
    Task<(AgentTask Task, Guid? WorkspaceId)?> FindTaskWithWorkspaceAsync(Guid taskId, CancellationToken ct);

    /// <summary>The caller's membership of a workspace, or null.</summary>
    Task<Member?> FindMembershipAsync(Guid userId, Guid workspaceId, CancellationToken ct);

    Task<Guid?> FindWorkspaceIdBySlugAsync(string slug, CancellationToken ct);

    /// <summary>The workspace and creator of a chat session (only its creator may use it).</summary>
    Task<(Guid WorkspaceId, Guid CreatorId)?> FindChatSessionOwnerAsync(Guid chatSessionId, CancellationToken ct);
}
