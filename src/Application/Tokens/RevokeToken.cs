using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Tokens;

/// <summary>Revokes one of the caller's tokens; unknown or foreign ids are a silent no-op (204 either way).</summary>
public sealed record RevokeTokenCommand(string TokenId) : ICommand<Unit>, IHumanOnly;

public sealed class RevokeTokenHandler(ICallerContext caller, ITokenRepository tokens, ICredentialStore credentials)
    : ICommandHandler<RevokeTokenCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeTokenCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        if (Guid.TryParse(command.TokenId, out var id))
        {
            var hash = await tokens.RevokePersonalAccessTokenAsync(userId, id, ct);
            if (hash is not null)
                credentials.Invalidate(hash);
        }
        return Unit.Value;
    }
}
