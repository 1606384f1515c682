using Multica.Domain.Entities;

namespace Multica.Application.Runtimes;

/// <summary>The runtime registry: what the daemon registers and heartbeats, what users list and delete, what the sweeper collects.</summary>
public interface IRuntimeRepository
{
    /// <summary>Runtimes of the workspace, oldest first; only the owner's when given.</summary>
    Task<IReadOnlyList<AgentRuntime>> ListAsync(Guid workspaceId, Guid? ownerId, CancellationToken ct);

    Task<AgentRuntime?> FindAsync(Guid runtimeId, CancellationToken ct);

    Task<bool> HasActiveAgentsAsync(Guid runtimeId, CancellationToken ct);

    /// <summary>Deletes the archived agents bound to the runtime, then the runtime (its tasks cascade).</summary>
    Task DeleteWithArchivedAgentsAsync(Guid runtimeId, CancellationToken ct);

    /// <summary>Per (UTC day of report, provider, model) sums over the runtime's task usage since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<RuntimeUsageRow>> UsageAsync(Guid runtimeId, DateTime since, CancellationToken ct);

    /// <summary>Started tasks of the runtime grouped by the UTC hour they started.</summary>
    Task<IReadOnlyList<HourCount>> ActivityAsync(Guid runtimeId, CancellationToken ct);

    // Daemon side: registration, deregistration and the sweeper.
    /// <summary>
    /// Upsert keyed by (workspace, daemon_id, provider): insert, or update in place keeping id and
    /// created_at (owner only replaced when one is given). Then the legacy-id merge moves agents and
    /// tasks of matching old rows onto it and deletes them — all in one transaction.
    /// Returns the row as it was right after the upsert.
    /// </summary>
    Task<AgentRuntime> RegisterAsync(RuntimeRegistration registration, IReadOnlyList<string> legacyDaemonIds, DateTime now, CancellationToken ct);

    Task<IReadOnlyList<AgentRuntime>> FindManyAsync(IReadOnlyCollection<Guid> runtimeIds, CancellationToken ct);
    Task SetOfflineAsync(IReadOnlyCollection<Guid> runtimeIds, DateTime now, CancellationToken ct);

    /// <summary>Online runtimes not seen since <paramref name="seenBefore"/> go offline; returns (id, workspace) of each.</summary>
    Task<IReadOnlyList<(Guid RuntimeId, Guid WorkspaceId)>> MarkStaleOfflineAsync(DateTime seenBefore, DateTime now, CancellationToken ct);

    /// <summary>Deletes offline runtimes unseen since <paramref name="seenBefore"/> that no agent (archived or not) references; returns their workspaces.</summary>
    Task<IReadOnlyList<Guid>> DeleteAbandonedAsync(DateTime seenBefore, CancellationToken ct);
}
