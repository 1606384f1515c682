using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Autopilots.Shared;

namespace Multica.Application.Autopilots.ListAutopilotRuns;

/// <summary>GET /api/autopilots/{id}/runs[?limit&amp;offset]: newest first; total = length of the page, as upstream.</summary>
public sealed record ListAutopilotRunsQuery(string WorkspaceId, string AutopilotId, string? Limit, string? Offset)
    : IQuery<AutopilotRunListDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListAutopilotRunsValidator : AbstractValidator<ListAutopilotRunsQuery>
{
    public ListAutopilotRunsValidator()
    {
        RuleFor(x => x.Limit).Must(l => string.IsNullOrEmpty(l) || int.TryParse(l, out var n) && n >= 1).WithMessage("invalid limit parameter");
        RuleFor(x => x.Offset).Must(o => string.IsNullOrEmpty(o) || int.TryParse(o, out var n) && n >= 0).WithMessage("invalid offset parameter");
    }
}

public sealed class ListAutopilotRunsHandler(AutopilotAccess access, IAutopilotRepository autopilots)
    : IQueryHandler<ListAutopilotRunsQuery, AutopilotRunListDto>
{
    public async ValueTask<AutopilotRunListDto> Handle(ListAutopilotRunsQuery q, CancellationToken ct)
    {
        var autopilot = await access.RequireAsync(q.AutopilotId, ct);
        var limit = int.TryParse(q.Limit, out var l) ? Math.Min(l, 100) : 20;
        var offset = int.TryParse(q.Offset, out var o) ? o : 0;
        var runs = await autopilots.ListRunsAsync(autopilot.Id, limit, offset, ct);
        return new AutopilotRunListDto(runs.Select(AutopilotRunDto.From).ToList(), runs.Count);
    }
}
