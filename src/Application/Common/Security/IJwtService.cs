namespace Multica.Application.Common.Security;

public interface IJwtService
{
    /// <summary>HS256 token with sub, email, name, iat and exp = now + 30 days.</summary>
    string Issue(Guid userId, string email, string name);
    JwtValidation Validate(string token);
    /// <summary>CSRF token bound to a JWT: hex(nonce) + "." + hex(HMAC-SHA256(jwt, nonce)).</summary>
    string IssueCsrfToken(string jwt);
    bool ValidateCsrfToken(string jwt, string? csrfToken);
}
public sealed record JwtIdentity(string Subject, string? Email);

public enum JwtValidationStatus { Valid, InvalidToken, InvalidClaims }

public sealed record JwtValidation(JwtValidationStatus Status, JwtIdentity? Identity)
{
    public static readonly JwtValidation InvalidToken = new(JwtValidationStatus.InvalidToken, null);
    public static readonly JwtValidation InvalidClaims = new(JwtValidationStatus.InvalidClaims, null);
}
