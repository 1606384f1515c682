using Multica.Domain.Entities;

namespace Multica.Application.Daemon;

/// <summary>The values one register element writes (daemon-api.md §4.1.1).</summary>
public sealed record RuntimeRegistration(
    Guid WorkspaceId, string DaemonId, string Provider, string Name, string Status,
    string DeviceInfo, string MetadataJson, Guid? OwnerId);

public interface IRuntimeRepository
{
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
