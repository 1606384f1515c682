using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.Runtimes.ListRuntimes;

/// <summary>GET /api/runtimes[?owner=me].</summary>
public sealed record ListRuntimesQuery(string WorkspaceId, string? Owner) : IQuery<IReadOnlyList<RuntimeDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListRuntimesValidator : AbstractValidator<ListRuntimesQuery>
{
    public ListRuntimesValidator() =>
        RuleFor(x => x.Owner).Must(o => string.IsNullOrEmpty(o) || o == "me").WithMessage("owner must be \"me\"");
}

public sealed class ListRuntimesHandler(AccessScope scope, ICallerContext caller, IRuntimeRepository runtimes)
    : IQueryHandler<ListRuntimesQuery, IReadOnlyList<RuntimeDto>>
{
    public async ValueTask<IReadOnlyList<RuntimeDto>> Handle(ListRuntimesQuery query, CancellationToken ct)
    {
        Guid? owner = query.Owner == "me" ? caller.RequireUserId() : null;
        var list = await runtimes.ListAsync(scope.RequireWorkspaceId(), owner, ct);
        return list.Select(RuntimeDto.From).ToList();
    }
}
