using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Multica.Application.Common.Interfaces;
using Multica.Application.DaemonSocket;
using Multica.Application.NewestDaemon;
using Multica.Application.PendingRequests;
using Multica.Application.PendingRequests.LocalSkillImport;
using Multica.Application.Runtimes;
using Multica.Infrastructure.DaemonSocket;
using Multica.Infrastructure.NewestDaemon;
using Multica.Infrastructure.PendingRequests;
using Multica.Infrastructure.Runtimes;
using StackExchange.Redis;

namespace Multica.Infrastructure;

/// <summary>Services of the newest daemon protocol: pending-request stores, the daemon WebSocket fan-out, liveness.</summary>
public static class NewestDaemonServices
{
    public static IServiceCollection AddNewestDaemon(this IServiceCollection services, IConfiguration configuration)
    {
        // Redis for all four kinds when configured, so create, heartbeat and poll may hit different nodes.
        var useRedis = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(DependencyInjection.RedisConnectionName));
        var keyPrefix = configuration["PendingRequests:RedisKeyPrefix"] ?? "mul:";
        AddStore<RuntimeUpdateRequest>(services, PendingRequestPolicy.RuntimeUpdate, useRedis, keyPrefix);
        AddStore<ModelListRequest>(services, PendingRequestPolicy.ModelList, useRedis, keyPrefix);
        AddStore<LocalSkillListRequest>(services, PendingRequestPolicy.LocalSkillList, useRedis, keyPrefix);
        AddStore<LocalSkillImportRequest>(services, PendingRequestPolicy.LocalSkillImport, useRedis, keyPrefix);

        services.RemoveAll<IHeartbeatPendingWork>();
        services.AddSingleton<IHeartbeatPendingWork, HeartbeatPendingWork>();
        services.AddScoped<RuntimeUserAccess>();
        services.AddScoped<ISkillImportWriter, SkillImportWriter>();
        services.AddScoped<IRuntimeLiveness, RuntimeLiveness>();
        services.AddScoped<INewestDaemonRepository, NewestDaemonRepository>();

        // One hub is the registry of this node's sockets and the fan-out behind both interfaces.
        services.AddSingleton<LocalDaemonHub>();
        services.AddSingleton<IDaemonConnectionRegistry>(sp => sp.GetRequiredService<LocalDaemonHub>());
        services.AddSingleton<IDaemonPush>(sp => sp.GetRequiredService<LocalDaemonHub>());
        services.RemoveAll<IDaemonWakeups>();
        services.AddSingleton<IDaemonWakeups>(sp => sp.GetRequiredService<LocalDaemonHub>());
        services.AddHostedService<WorkspaceChangeNotifier>();
        // Replaced by the real batch claim at merge; until then rpc-v1 is not advertised.
        return services;
    }

    private static void AddStore<T>(IServiceCollection services, PendingRequestPolicy policy, bool useRedis, string keyPrefix)
        where T : PendingRequest
    {
        if (useRedis)
            services.AddSingleton<IPendingRequestStore<T>>(sp => new RedisPendingRequestStore<T>(
                sp.GetRequiredService<IConnectionMultiplexer>(), policy, sp.GetRequiredService<TimeProvider>(), keyPrefix));
        else
            services.AddSingleton<IPendingRequestStore<T>>(sp => new InMemoryPendingRequestStore<T>(policy, sp.GetRequiredService<TimeProvider>()));
    }
}
