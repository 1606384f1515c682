namespace Multica.Application.Usage;

public sealed record ModelUsageRow(DateOnly? Date, string Model, long InputTokens, long OutputTokens, long CacheReadTokens,
    long CacheWriteTokens, int TaskCount);

public interface IUsageRepository
{
    /// <summary>Usage reported since <paramref name="since"/> for tasks of the workspace's agents, by model (and by UTC day when asked).</summary>
    Task<IReadOnlyList<ModelUsageRow>> ByModelAsync(Guid workspaceId, DateTime since, bool byDay, CancellationToken ct);
}
