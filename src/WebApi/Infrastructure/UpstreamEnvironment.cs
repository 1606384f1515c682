namespace Multica.WebApi.Infrastructure;

/// <summary>
/// Maps upstream's environment variable names onto the .NET configuration keys. A setting given in
/// the .NET form as an environment variable (e.g. ConnectionStrings__Postgres) wins over the upstream name;
/// an upstream variable wins over appsettings.json (so APP_ENV=production is never overridden by the
/// file's development default).
/// </summary>
public static class UpstreamEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["DATABASE_URL"] = "ConnectionStrings:Postgres",
        ["REDIS_URL"] = "ConnectionStrings:Redis",
        ["JWT_SECRET"] = "Auth:JwtSecret",
        ["APP_ENV"] = "Auth:AppEnvironment",
        ["FRONTEND_ORIGIN"] = "Auth:FrontendOrigin",
        ["COOKIE_DOMAIN"] = "Auth:CookieDomain",
        ["CORS_ALLOWED_ORIGINS"] = "Auth:CorsAllowedOrigins",
        ["ALLOW_SIGNUP"] = "Auth:AllowSignup",
        ["ALLOWED_EMAILS"] = "Auth:AllowedEmails",
        ["ALLOWED_EMAIL_DOMAINS"] = "Auth:AllowedEmailDomains",
        ["LOCAL_UPLOAD_DIR"] = "Uploads:Directory",
        ["LOCAL_UPLOAD_BASE_URL"] = "Uploads:BaseUrl",
        ["S3_BUCKET"] = "Uploads:S3Bucket",
        ["S3_REGION"] = "Uploads:S3Region",
        ["AWS_ENDPOINT_URL"] = "Uploads:S3EndpointUrl",
        ["AWS_ACCESS_KEY_ID"] = "Uploads:S3AccessKeyId",
        ["AWS_SECRET_ACCESS_KEY"] = "Uploads:S3SecretAccessKey",
    };

    public static void Apply(ConfigurationManager configuration) =>
        Apply(configuration, Environment.GetEnvironmentVariable);

    public static void Apply(ConfigurationManager configuration, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (env, key) in Map)
        {
            var value = environment(env);
            if (!string.IsNullOrEmpty(value) && string.IsNullOrEmpty(environment(key.Replace(":", "__"))))
                values[key] = value;
        }
        // PORT: listen on it unless URLs were given explicitly.
        var port = environment("PORT");
        if (!string.IsNullOrEmpty(port) && string.IsNullOrEmpty(configuration["urls"]) &&
            string.IsNullOrEmpty(environment("ASPNETCORE_URLS")))
            values["urls"] = $"http://0.0.0.0:{port}";
        if (values.Count > 0)
            configuration.AddInMemoryCollection(values);
    }
}
