using Mediator;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.Runtimes.GetRuntimeActivity;

public sealed record RuntimeActivityDto(int Hour, long Count);

/// <summary>GET /api/runtimes/{runtimeId}/activity: started tasks by hour of day, ascending.</summary>
public sealed record GetRuntimeActivityQuery(string RuntimeId) : IQuery<IReadOnlyList<RuntimeActivityDto>>;

public sealed class GetRuntimeActivityHandler(RuntimeAccess runtimeAccess, IRuntimeRepository runtimes)
    : IQueryHandler<GetRuntimeActivityQuery, IReadOnlyList<RuntimeActivityDto>>
{
    public async ValueTask<IReadOnlyList<RuntimeActivityDto>> Handle(GetRuntimeActivityQuery query, CancellationToken ct)
    {
        var (runtime, _) = await runtimeAccess.RequireAsync(query.RuntimeId, ct);
        var rows = await runtimes.ActivityAsync(runtime.Id, ct);
        return rows.Select(r => new RuntimeActivityDto(r.Hour, r.Count)).ToList();
    }
}
