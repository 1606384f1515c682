using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Common.Security;

namespace Multica.Infrastructure.Auth;

/// <summary>
/// HS256 JWTs signed with the HMAC directly, so any JWT_SECRET works (no minimum key length).
/// Verification accepts HS256/384/512; anything else, including "none", is refused.
/// </summary>
public sealed class JwtService(IOptions<AuthOptions> options, TimeProvider time) : IJwtService
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private byte[] Key => Encoding.UTF8.GetBytes(options.Value.EffectiveJwtSecret);

    public string Issue(Guid userId, string email, string name)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(),
            ["email"] = email,
            ["name"] = name,
            ["iat"] = now,
            ["exp"] = now + (long)Lifetime.TotalSeconds,
        }));
        var signingInput = header + "." + payload;
        return signingInput + "." + Base64Url(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public JwtValidation Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return JwtValidation.InvalidToken;
        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object ||
                !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
                return JwtValidation.InvalidToken;

            var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            byte[]? expected = alg.GetString() switch
            {
                "HS256" => HMACSHA256.HashData(Key, signingInput),
                "HS384" => HMACSHA384.HashData(Key, signingInput),
                "HS512" => HMACSHA512.HashData(Key, signingInput),
                _ => null,
            };
            if (expected is null || !CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2])))
                return JwtValidation.InvalidToken;

            using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
            var root = payload.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
                return JwtValidation.InvalidClaims;
            if (root.ValueKind != JsonValueKind.Object)
                return JwtValidation.InvalidToken;

            var now = time.GetUtcNow().ToUnixTimeSeconds();
            // A token without exp would never expire: refused (docs/auth.md).
            if (TryGetNumber(root, "exp", out var exp) is false || exp is not { } e || now >= e)
                return JwtValidation.InvalidToken;
            if (TryGetNumber(root, "nbf", out var nbf) is false || (nbf is { } n && now < n))
                return JwtValidation.InvalidToken;

            if (!root.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String ||
                string.IsNullOrWhiteSpace(sub.GetString()))
                return JwtValidation.InvalidClaims;
            var email = root.TryGetProperty("email", out var em) && em.ValueKind == JsonValueKind.String ? em.GetString() : null;
            return new JwtValidation(JwtValidationStatus.Valid, new JwtIdentity(sub.GetString()!.Trim(), email));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return JwtValidation.InvalidToken;
        }
    }

    public string IssueCsrfToken(string jwt)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        return Convert.ToHexStringLower(nonce) + "." + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt), nonce));
    }

    public bool ValidateCsrfToken(string jwt, string? csrfToken)
    {
        if (string.IsNullOrEmpty(csrfToken))
            return false;
        var dot = csrfToken.IndexOf('.');
        if (dot <= 0)
            return false;
        try
        {
            var nonce = Convert.FromHexString(csrfToken[..dot]);
            var mac = Convert.FromHexString(csrfToken[(dot + 1)..]);
            return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt), nonce), mac);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>null = absent (allowed), false = present but not a number (invalid).</summary>
    private static bool? TryGetNumber(JsonElement root, string name, out long? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null)
            return null;
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetDouble(out var d))
            return false;
        value = (long)Math.Floor(d);
        return true;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
        return Convert.FromBase64String(padded);
    }
}
