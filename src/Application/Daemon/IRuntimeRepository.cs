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
}
