using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Usage.GetUsageSummary;

namespace Multica.Application.Usage.GetDailyUsage;

public sealed record DailyUsageDto(string Date, string Model, long TotalInputTokens, long TotalOutputTokens, long TotalCacheReadTokens,
    long TotalCacheWriteTokens, int TaskCount);

/// <summary>GET /api/usage/daily[?days=N]: as the summary, grouped by (UTC day, model), newest day first.</summary>
public sealed record GetDailyUsageQuery(string WorkspaceId, string? Days) : IQuery<IReadOnlyList<DailyUsageDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetDailyUsageHandler(AccessScope scope, IUsageRepository usage, TimeProvider time)
    : IQueryHandler<GetDailyUsageQuery, IReadOnlyList<DailyUsageDto>>
{
    public async ValueTask<IReadOnlyList<DailyUsageDto>> Handle(GetDailyUsageQuery query, CancellationToken ct)
    {
        var rows = await usage.ByModelAsync(scope.RequireWorkspaceId(), UsageDays.Since(time, UsageDays.Parse(query.Days)), byDay: true, ct);
        return rows.OrderByDescending(r => r.Date).ThenBy(r => r.Model, StringComparer.Ordinal)
            .Select(r => new DailyUsageDto(r.Date!.Value.ToString("yyyy-MM-dd"), r.Model, r.InputTokens, r.OutputTokens,
                r.CacheReadTokens, r.CacheWriteTokens, r.TaskCount))
            .ToList();
    }
}
