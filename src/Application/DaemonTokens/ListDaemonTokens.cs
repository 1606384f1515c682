using Multica.Application.Tokens;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonTokens;

public sealed record ListDaemonTokensQuery(string WorkspaceId)
    : IQuery<IReadOnlyList<DaemonTokenDto>>, IWorkspaceMemberScoped, IHumanOnly
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class ListDaemonTokensHandler(AccessScope scope, ITokenRepository tokens)
    : IQueryHandler<ListDaemonTokensQuery, IReadOnlyList<DaemonTokenDto>>
{
    public async ValueTask<IReadOnlyList<DaemonTokenDto>> Handle(ListDaemonTokensQuery query, CancellationToken ct) =>
        (await tokens.ListDaemonTokensAsync(scope.RequireWorkspaceId(), ct)).Select(TokenMapper.ToDto).ToList();
}
