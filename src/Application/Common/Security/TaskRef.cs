using Multica.Domain.Entities;

namespace Multica.Application.Common.Security;

/// <summary>
/// What never changes about a task once it exists: its id, its issue and the workspace it belongs to (issue →
/// chat session → autopilot run). A <see cref="IDaemonTaskRefScoped"/> request is authorized on this alone, so
/// it may be served from memory; its handler must not rely on the task's current state
/// (docs/daemon-protocol.md, "Task access from memory").
/// </summary>
public sealed record TaskRef(Guid Id, Guid? IssueId, Guid WorkspaceId)
{
    /// <summary>The identity of <paramref name="task"/>, whose workspace the caller resolved.</summary>
    public static TaskRef Of(AgentTask task, Guid workspaceId) => new(task.Id, task.IssueId, workspaceId);
}
