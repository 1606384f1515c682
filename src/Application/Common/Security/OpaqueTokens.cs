using System.Security.Cryptography;
using System.Text;

namespace Multica.Application.Common.Security;

/// <summary>Opaque credentials: prefix + 40 lower-case hex chars (20 random bytes), stored as SHA-256 hex.</summary>
public static class OpaqueTokens
{
    public const string PersonalAccessTokenPrefix = "mul_";
    public const string DaemonTokenPrefix = "mdt_";
    public const string TaskTokenPrefix = "mat_";
    /// <summary>Characters of a token kept for display (e.g. "mul_1a2b3c4d").</summary>
    public const int DisplayPrefixLength = 12;

    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string DisplayPrefix(string token) => token.Length <= DisplayPrefixLength ? token : token[..DisplayPrefixLength];
}
