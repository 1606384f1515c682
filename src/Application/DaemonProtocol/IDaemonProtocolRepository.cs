using Multica.Domain.Entities;

namespace Multica.Application.DaemonProtocol;

public sealed record WorkspaceSummary(Guid Id, string Name);

public sealed record GcState(Guid WorkspaceId, string Status, DateTime? At);

public sealed record IssueGcState(Guid Id, string Status, DateTime UpdatedAt);

public sealed record CancelAckFields(string? BranchName, string? DurableWorkDir, string? ErrorMessage, string? FailureReason);

public sealed record AgentSkillBundle(Guid Id, string Name, string Description, string Content, IReadOnlyList<(string Path, string Content)> Files);

/// <summary>Storage for the daemon routes outside the task lifecycle: workspaces, gc-checks, preparation, cancel-ack (docs/daemon-protocol.md).</summary>
public interface IDaemonProtocolRepository
{
    /// <summary>The user's workspaces, ordered by id.</summary>
    Task<IReadOnlyList<WorkspaceSummary>> ListMemberWorkspacesAsync(Guid userId, CancellationToken ct);

    Task<WorkspaceSummary?> FindWorkspaceAsync(Guid workspaceId, CancellationToken ct);

    /// <summary>Extends the prepare lease of a dispatched/waiting, never-started task of that runtime; null when no row qualified.</summary>
    Task<AgentTask?> ExtendPrepareLeaseAsync(Guid taskId, Guid runtimeId, DateTime until, CancellationToken ct);

    /// <summary>dispatched → waiting_local_directory with the reason and a fresh lease; null when the task was not dispatched.</summary>
    Task<AgentTask?> MarkWaitingLocalDirectoryAsync(Guid taskId, string? reason, DateTime leaseUntil, CancellationToken ct);

    /// <summary>Fills still-empty columns of a cancelled task; true when something was written.</summary>
    Task<bool> RecordCancelAckAsync(Guid taskId, CancelAckFields fields, CancellationToken ct);

    /// <summary>Chat session's workspace, status and updated_at.</summary>
    Task<GcState?> FindChatSessionGcAsync(Guid sessionId, CancellationToken ct);

    /// <summary>Run's autopilot workspace, run status and completed_at; null when the run or its autopilot is missing.</summary>
    Task<GcState?> FindAutopilotRunGcAsync(Guid runId, CancellationToken ct);

    /// <summary>Of the given ids, the issues that belong to the workspace.</summary>
    Task<IReadOnlyList<IssueGcState>> FindIssuesGcAsync(Guid workspaceId, IReadOnlyCollection<Guid> issueIds, CancellationToken ct);

    /// <summary>Sets a PAT's expiry only if it still has the expected one (concurrent renewals extend once).</summary>
    Task<bool> TryRenewPersonalAccessTokenAsync(Guid tokenId, DateTime? expectedExpiry, DateTime newExpiry, CancellationToken ct);

    /// <summary>The skills attached to the agent, with files.</summary>
    Task<IReadOnlyList<AgentSkillBundle>> ListAgentSkillsAsync(Guid agentId, CancellationToken ct);
}
