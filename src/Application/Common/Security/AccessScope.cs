using Multica.Domain.Entities;

namespace Multica.Application.Common.Security;

/// <summary>
/// What the authorization behaviour loaded for the current request, so handlers reuse it
/// instead of querying again (one runtime/task load per request on the hot paths).
/// </summary>
public sealed class AccessScope
{
    public AgentRuntime? Runtime { get; set; }
    public AgentTask? Task { get; set; }
    /// <summary>The task's identity: set for every task-scoped request (alone for <see cref="IDaemonTaskRefScoped"/> ones).</summary>
    public TaskRef? TaskRef { get; set; }
    public Guid? WorkspaceId { get; set; }
    public Member? Member { get; set; }

    public AgentRuntime RequireRuntime() => Runtime ?? throw new InvalidOperationException("runtime scope was not resolved");
    public TaskRef RequireTaskRef() => TaskRef ?? throw new InvalidOperationException("task scope was not resolved");
    public AgentTask RequireTask() => Task ?? throw new InvalidOperationException("task scope was not resolved");
    public Guid RequireWorkspaceId() => WorkspaceId ?? throw new InvalidOperationException("workspace scope was not resolved");
}
