using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Infrastructure.Auth;
using Multica.Infrastructure.Persistence;
using Multica.Infrastructure.Persistence.Repositories;
using Multica.Infrastructure.Realtime;
using Npgsql;
using StackExchange.Redis;

namespace Multica.Infrastructure;

public static class DependencyInjection
{
    public const string PostgresConnectionName = "Postgres";
    public const string RedisConnectionName = "Redis";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        var raw = configuration.GetConnectionString(PostgresConnectionName)
            ?? throw new InvalidOperationException(
                "No database configured: set DATABASE_URL (postgres://user:pass@host:port/db) or ConnectionStrings__Postgres.");
        var connectionString = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(raw))
        {
            MaxPoolSize = configuration.GetValue($"{DatabaseOptions.Section}:MaxPoolSize", 100),
        }.ConnectionString;

        services.AddDbContextPool<MulticaDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

        services.AddMemoryCache();
        services.AddScoped<IAccessRepository, AccessRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IVerificationCodeRepository, VerificationCodeRepository>();
        services.AddScoped<ITokenRepository, TokenRepository>();
        services.AddScoped<IWorkspaceRepository, WorkspaceRepository>();
        services.AddScoped<ITransactionRunner, TransactionRunner>();
        services.AddSingleton<ICredentialStore, CredentialStore>();
        services.AddSingleton<IJwtService, JwtService>();
        services.TryAddSingleton<IVerificationCodeSender, ConsoleVerificationCodeSender>();

        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.AddSingleton<IEventSubscriber>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.TryAddSingleton<IDaemonWakeups, NoDaemonWakeups>();
        services.TryAddSingleton<IAnalytics, LoggingAnalytics>();
        services.TryAddSingleton<Multica.Application.PendingRequests.IHeartbeatPendingWork, Multica.Application.PendingRequests.NoHeartbeatPendingWork>();

        var redis = configuration.GetConnectionString(RedisConnectionName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(RedisUrl.ToConfiguration(redis));
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
        }

        services.AddDaemonProtocol();
        services.AddNewestDaemon(configuration);
        services.AddSingleton<HealthProbe>();
        services.AddHostedService<MigrationRunner>();
        services.AddControlPlane();
        services.AddTeamFeatures();
        return services;
    }
}

/// <summary>Accepts redis://[:password@]host:port[/db] as upstream does, or a StackExchange.Redis configuration string.</summary>
public static class RedisUrl
{
    public static string ToConfiguration(string value)
    {
        if (!value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            return value;
        var uri = new Uri(value);
        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}" };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var password = uri.UserInfo.Contains(':') ? uri.UserInfo[(uri.UserInfo.IndexOf(':') + 1)..] : uri.UserInfo;
            if (password.Length > 0)
                parts.Add("password=" + Uri.UnescapeDataString(password));
        }
        var db = uri.AbsolutePath.Trim('/');
        if (int.TryParse(db, out var dbIndex))
            parts.Add("defaultDatabase=" + dbIndex);
        if (value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            parts.Add("ssl=true");
        return string.Join(",", parts);
    }
}
