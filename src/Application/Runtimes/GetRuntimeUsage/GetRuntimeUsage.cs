using Mediator;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.Runtimes.GetRuntimeUsage;

public sealed record RuntimeUsageDto(Guid RuntimeId, string Date, string Provider, string Model, long InputTokens,
    long OutputTokens, long CacheReadTokens, long CacheWriteTokens);

/// <summary>GET /api/runtimes/{runtimeId}/usage[?days=N]: unparsable or out-of-range days fall back to 90, as upstream.</summary>
public sealed record GetRuntimeUsageQuery(string RuntimeId, string? Days) : IQuery<IReadOnlyList<RuntimeUsageDto>>
{
    public const int DefaultDays = 90;

    public int EffectiveDays => int.TryParse(Days, out var d) && d is >= 1 and <= 365 ? d : DefaultDays;
}

public sealed class GetRuntimeUsageHandler(RuntimeAccess runtimeAccess, IRuntimeRepository runtimes, TimeProvider time)
    : IQueryHandler<GetRuntimeUsageQuery, IReadOnlyList<RuntimeUsageDto>>
{
    public async ValueTask<IReadOnlyList<RuntimeUsageDto>> Handle(GetRuntimeUsageQuery query, CancellationToken ct)
    {
        var (runtime, _) = await runtimeAccess.RequireAsync(query.RuntimeId, ct);
        // From the start of the day N days ago (UTC), so days=1 covers all of yesterday.
        var since = time.GetUtcNow().UtcDateTime.Date.AddDays(-query.EffectiveDays);
        var rows = await runtimes.UsageAsync(runtime.Id, since, ct);
        return rows.Select(r => new RuntimeUsageDto(runtime.Id, r.Date.ToString("yyyy-MM-dd"), r.Provider, r.Model,
            r.InputTokens, r.OutputTokens, r.CacheReadTokens, r.CacheWriteTokens)).ToList();
    }
}
