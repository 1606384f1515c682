namespace Multica.Application.Common;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string DevelopmentJwtSecret = "multica-dev-secret-change-in-production";
    public const string MasterCode = "888888";

    public string JwtSecret { get; set; } = "";
    /// <summary>APP_ENV; "production" disables the master code and the default secret.</summary>
    public string AppEnvironment { get; set; } = "development";
    public string FrontendOrigin { get; set; } = "";
    public string CookieDomain { get; set; } = "";
    public string CorsAllowedOrigins { get; set; } = "";
    public bool AllowSignup { get; set; } = true;
    public string AllowedEmails { get; set; } = "";
    public string AllowedEmailDomains { get; set; } = "";
    /// <summary>How long token and membership look-ups are cached (revocation on other nodes takes at most this long).</summary>
    public int CacheTtlSeconds { get; set; } = 30;

    public bool IsProduction => string.Equals(AppEnvironment, "production", StringComparison.OrdinalIgnoreCase);
    public string EffectiveJwtSecret => string.IsNullOrEmpty(JwtSecret) ? DevelopmentJwtSecret : JwtSecret;
}
