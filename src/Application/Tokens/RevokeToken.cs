using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Tokens;

/// <summary>Revokes one of the caller's tokens (again: still 204); an unknown or another user's id is 404 <c>token not found</c>.</summary>
public sealed record RevokeTokenCommand(string TokenId) : ICommand<Unit>, IHumanOnly;

public sealed class RevokeTokenHandler(ICallerContext caller, ITokenRepository tokens, ICredentialStore credentials)
    : ICommandHandler<RevokeTokenCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeTokenCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var hash = Guid.TryParse(command.TokenId, out var id) ? await tokens.RevokePersonalAccessTokenAsync(userId, id, ct) : null;
        if (hash is null)
            throw new NotFoundException(ErrorMessages.TokenNotFound);
        credentials.Invalidate(hash);
        return Unit.Value;
    }
}
