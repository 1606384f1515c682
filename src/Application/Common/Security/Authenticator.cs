namespace Multica.Application.Common.Security;

public sealed record AuthOutcome(Caller? Caller, string? Error)
{
    public static AuthOutcome Fail(string error) => new(null, error);
    public static AuthOutcome Ok(Caller caller) => new(caller, null);
}

/// <summary>
/// Turns a bearer credential into a <see cref="Caller"/> with the exact upstream failure strings.
/// Token-source and CSRF rules (header vs cookie) belong to the HTTP layer.
/// </summary>
public sealed class Authenticator(ICredentialStore store, IJwtService jwt, TimeProvider time)
{
    public const string MissingAuthorizationHeader = "missing authorization header";
    public const string InvalidAuthorizationFormat = "invalid authorization format";
    public const string InvalidDaemonToken = "invalid daemon token";
    public const string InvalidToken = "invalid token";
    public const string InvalidClaims = "invalid claims";

    /// <summary>/api/daemon/*: daemon tokens, PATs and JWTs from the Authorization header only.</summary>
    public async ValueTask<AuthOutcome> AuthenticateDaemonAsync(string? authorizationHeader, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
            return AuthOutcome.Fail(MissingAuthorizationHeader);
        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal))
            return AuthOutcome.Fail(InvalidAuthorizationFormat);
        var token = authorizationHeader["Bearer ".Length..];

        if (token.StartsWith(OpaqueTokens.DaemonTokenPrefix, StringComparison.Ordinal))
        {
            var hash = OpaqueTokens.Hash(token);
            var daemon = await store.FindDaemonTokenAsync(hash, ct);
            if (daemon is null || daemon.ExpiresAt <= Now)
                return AuthOutcome.Fail(InvalidDaemonToken);
            return AuthOutcome.Ok(new Caller
            {
                Kind = CallerKind.DaemonToken,
                DaemonWorkspaceId = daemon.WorkspaceId,
                DaemonId = daemon.DaemonId,
                CredentialHash = hash,
                CredentialExpiresAt = daemon.ExpiresAt,
            });
        }
        return await AuthenticateUserTokenAsync(token, allowTaskToken: false, ct);
    }

    /// <summary>Protected user routes: mat_ task tokens, PATs, then JWTs. mdt_ falls into JWT parsing and fails.</summary>
    public ValueTask<AuthOutcome> AuthenticateUserAsync(string token, CancellationToken ct) =>
        AuthenticateUserTokenAsync(token, allowTaskToken: true, ct);

    private async ValueTask<AuthOutcome> AuthenticateUserTokenAsync(string token, bool allowTaskToken, CancellationToken ct)
    {
        if (allowTaskToken && token.StartsWith(OpaqueTokens.TaskTokenPrefix, StringComparison.Ordinal))
        {
            var hash = OpaqueTokens.Hash(token);
            var task = await store.FindTaskTokenAsync(hash, ct);
            if (task is null || task.ExpiresAt <= Now)
                return AuthOutcome.Fail(InvalidToken);
            return AuthOutcome.Ok(new Caller
            {
                Kind = CallerKind.TaskToken,
                UserId = task.UserId,
                TokenAgentId = task.AgentId,
                TokenTaskId = task.TaskId,
                TokenWorkspaceId = task.WorkspaceId,
                CredentialHash = hash,
                CredentialExpiresAt = task.ExpiresAt,
            });
        }

        if (token.StartsWith(OpaqueTokens.PersonalAccessTokenPrefix, StringComparison.Ordinal))
        {
            var hash = OpaqueTokens.Hash(token);
            var pat = await store.FindPersonalAccessTokenAsync(hash, ct);
            if (pat is null || (pat.ExpiresAt is { } expires && expires <= Now))
                return AuthOutcome.Fail(InvalidToken);
            store.RecordPersonalAccessTokenUse(pat.TokenId);
            return AuthOutcome.Ok(new Caller
            {
                Kind = CallerKind.User, UserId = pat.UserId, PersonalAccessTokenId = pat.TokenId,
                CredentialHash = hash, CredentialExpiresAt = pat.ExpiresAt,
            });
        }

        var result = jwt.Validate(token);
        return result.Status switch
        {
            JwtValidationStatus.Valid when Guid.TryParse(result.Identity!.Subject, out var userId) =>
                AuthOutcome.Ok(new Caller { Kind = CallerKind.User, UserId = userId, Email = result.Identity.Email }),
            // A non-UUID subject can never match a user row; treat it like a missing claim.
            JwtValidationStatus.Valid => AuthOutcome.Fail(InvalidClaims),
            JwtValidationStatus.InvalidClaims => AuthOutcome.Fail(InvalidClaims),
            _ => AuthOutcome.Fail(InvalidToken),
        };
    }

    /// <summary>
    /// Whether the opaque token a long-lived connection authenticated with still holds: not revoked, not deleted,
    /// not expired (a renewal moves the expiry). A JWT caller carries no credential hash and always holds.
    /// </summary>
    public async ValueTask<CredentialCheck> CheckCredentialAsync(Caller caller, CancellationToken ct)
    {
        if (caller.CredentialHash is not { } hash)
            return CredentialCheck.Holds(null);
        DateTime? expiresAt;
        bool found;
        switch (caller.Kind)
        {
            case CallerKind.DaemonToken:
                var daemon = await store.FindDaemonTokenAsync(hash, ct);
                (found, expiresAt) = (daemon is not null, daemon?.ExpiresAt);
                break;
            case CallerKind.TaskToken:
                var task = await store.FindTaskTokenAsync(hash, ct);
                (found, expiresAt) = (task is not null, task?.ExpiresAt);
                break;
            default:
                var pat = await store.FindPersonalAccessTokenAsync(hash, ct);
                (found, expiresAt) = (pat is not null, pat?.ExpiresAt);
                break;
        }
        if (!found)
            return caller.CredentialExpiresAt is { } known && known <= Now ? CredentialCheck.Expired : CredentialCheck.Revoked;
        return expiresAt is { } e && e <= Now ? CredentialCheck.Expired : CredentialCheck.Holds(expiresAt);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>The outcome of <see cref="Authenticator.CheckCredentialAsync"/>: null <see cref="Problem"/> while the credential holds.</summary>
public sealed record CredentialCheck(string? Problem, DateTime? ExpiresAt)
{
    public const string RevokedReason = "credential revoked";
    public const string ExpiredReason = "credential expired";

    public static readonly CredentialCheck Revoked = new(RevokedReason, null);
    public static readonly CredentialCheck Expired = new(ExpiredReason, null);
    public static CredentialCheck Holds(DateTime? expiresAt) => new(null, expiresAt);
}
