using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.Usage.GetUsageSummary;

public sealed record UsageSummaryDto(string Model, long TotalInputTokens, long TotalOutputTokens, long TotalCacheReadTokens,
    long TotalCacheWriteTokens, int TaskCount);

/// <summary>
/// GET /api/usage/summary[?days=N] (default 30, 1..365; anything else falls back to the default): usage reported
/// since the start of the UTC day N days ago, by model, largest input+output first.
/// </summary>
public sealed record GetUsageSummaryQuery(string WorkspaceId, string? Days) : IQuery<IReadOnlyList<UsageSummaryDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public int EffectiveDays => UsageDays.Parse(Days);
}

public static class UsageDays
{
    public const int Default = 30;
    public static int Parse(string? days) => int.TryParse(days, out var d) && d is >= 1 and <= 365 ? d : Default;
    public static DateTime Since(TimeProvider time, int days) => time.GetUtcNow().UtcDateTime.Date.AddDays(-days);
}

public sealed class GetUsageSummaryHandler(AccessScope scope, IUsageRepository usage, TimeProvider time)
    : IQueryHandler<GetUsageSummaryQuery, IReadOnlyList<UsageSummaryDto>>
{
    public async ValueTask<IReadOnlyList<UsageSummaryDto>> Handle(GetUsageSummaryQuery query, CancellationToken ct)
    {
        var rows = await usage.ByModelAsync(scope.RequireWorkspaceId(), UsageDays.Since(time, query.EffectiveDays), byDay: false, ct);
        return rows.OrderByDescending(r => r.InputTokens + r.OutputTokens).ThenBy(r => r.Model, StringComparer.Ordinal)
            .Select(r => new UsageSummaryDto(r.Model, r.InputTokens, r.OutputTokens, r.CacheReadTokens, r.CacheWriteTokens, r.TaskCount))
            .ToList();
    }
}
