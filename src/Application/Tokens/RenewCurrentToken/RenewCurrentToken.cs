using Multica.Application.DaemonProtocol;
using System.Globalization;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Tokens.RenewCurrentToken;

/// <summary>{"expires_at": RFC 3339 or "", "renewed": bool}.</summary>
public sealed record RenewTokenDto(string ExpiresAt, bool Renewed);

/// <summary>POST /api/tokens/current/renew — slides the expiry of the PAT this request authenticated with.</summary>
public sealed record RenewCurrentTokenCommand : ICommand<RenewTokenDto>;

public sealed class RenewCurrentTokenHandler(
    ICallerContext callerContext, ITokenRepository tokens, IDaemonProtocolRepository repository, ICredentialStore credentials, TimeProvider time)
    : ICommandHandler<RenewCurrentTokenCommand, RenewTokenDto>
{
    public static readonly TimeSpan RenewWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public async ValueTask<RenewTokenDto> Handle(RenewCurrentTokenCommand command, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (caller.PersonalAccessTokenId is not { } tokenId)
            throw new BadRequestException("only personal access tokens can be renewed");

        var token = await tokens.FindPersonalAccessTokenAsync(tokenId, ct);
        if (token is null || token.Revoked)
            throw new UnauthorizedException("token is no longer valid");
        if (token.UserId != caller.UserId)
            throw new UnauthorizedException("token does not belong to caller");
        if (token.ExpiresAt is not { } expires)
            return new RenewTokenDto("", false);

        var now = time.GetUtcNow().UtcDateTime;
        if (expires - now > RenewWindow)
            return new RenewTokenDto(Format(expires), false);

        var renewed = now + Lifetime;
        if (!await repository.TryRenewPersonalAccessTokenAsync(tokenId, expires, renewed, ct))
        {
            // A concurrent renewal won; report what it stored.
            var current = await tokens.FindPersonalAccessTokenAsync(tokenId, ct);
            return new RenewTokenDto(current?.ExpiresAt is { } e ? Format(e) : "", false);
        }
        // The cached credential still carries the old expiry.
        credentials.Invalidate(token.TokenHash);
        return new RenewTokenDto(Format(renewed), true);
    }

    private static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
