using Multica.Application.Common;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.DaemonProtocol.Workspaces.ListRuntimeProfiles;

public sealed record RuntimeProfilesDto(string WorkspaceId, IReadOnlyList<object> RuntimeProfiles);

/// <summary>
/// GET /api/daemon/workspaces/{workspaceId}/runtime-profiles. Custom runtime profiles are not
/// supported, so the list is always empty: the daemon then registers its built-in runtimes only.
/// </summary>
public sealed record ListRuntimeProfilesQuery(string WorkspaceId) : IQuery<RuntimeProfilesDto>, IDaemonWorkspaceScoped, IValidatedBeforeAccess;

/// <summary>A malformed workspace id is a 400 before any look-up.</summary>
public sealed class ListRuntimeProfilesValidator : AbstractValidator<ListRuntimeProfilesQuery>
{
    public ListRuntimeProfilesValidator() => RuleFor(x => x.WorkspaceId).Must(Ids.IsValid).WithMessage("invalid workspace id");
}

public sealed class ListRuntimeProfilesHandler : IQueryHandler<ListRuntimeProfilesQuery, RuntimeProfilesDto>
{
    public ValueTask<RuntimeProfilesDto> Handle(ListRuntimeProfilesQuery query, CancellationToken ct) =>
        ValueTask.FromResult(new RuntimeProfilesDto(query.WorkspaceId, []));
}
