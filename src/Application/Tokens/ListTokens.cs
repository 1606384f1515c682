using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Tokens;

public sealed record ListTokensQuery : IQuery<IReadOnlyList<TokenDto>>, IHumanOnly;

public sealed class ListTokensHandler(ICallerContext caller, ITokenRepository tokens) : IQueryHandler<ListTokensQuery, IReadOnlyList<TokenDto>>
{
    public async ValueTask<IReadOnlyList<TokenDto>> Handle(ListTokensQuery query, CancellationToken ct) =>
        (await tokens.ListPersonalAccessTokensAsync(caller.RequireUserId(), ct)).Select(TokenMapper.ToDto).ToList();
}
