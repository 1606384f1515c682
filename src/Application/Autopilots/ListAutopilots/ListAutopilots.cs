using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Autopilots.Shared;

namespace Multica.Application.Autopilots.ListAutopilots;

/// <summary>GET /api/autopilots[?status=]: newest first.</summary>
public sealed record ListAutopilotsQuery(string WorkspaceId, string? Status) : IQuery<AutopilotListDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListAutopilotsValidator : AbstractValidator<ListAutopilotsQuery>
{
    public ListAutopilotsValidator() =>
        RuleFor(x => x.Status).Must(s => string.IsNullOrEmpty(s) || AutopilotStatus.All.Contains(s))
            .WithMessage("status must be one of: " + string.Join(", ", AutopilotStatus.All));
}

public sealed class ListAutopilotsHandler(AccessScope scope, IAutopilotRepository autopilots) : IQueryHandler<ListAutopilotsQuery, AutopilotListDto>
{
    public async ValueTask<AutopilotListDto> Handle(ListAutopilotsQuery query, CancellationToken ct)
    {
        var list = await autopilots.ListAsync(scope.RequireWorkspaceId(), string.IsNullOrEmpty(query.Status) ? null : query.Status, ct);
        return new AutopilotListDto(list.Select(AutopilotDto.From).ToList(), list.Count);
    }
}
