using Multica.Domain.Entities;

namespace Multica.Application.Runtimes;

public sealed record RuntimeUsageRow(DateOnly Date, string Provider, string Model, long InputTokens, long OutputTokens,
    long CacheReadTokens, long CacheWriteTokens);

public sealed record HourCount(int Hour, long Count);

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
}
