using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multica.Infrastructure.Persistence;
using StackExchange.Redis;

namespace Multica.Infrastructure;

public sealed record DependencyHealth(string Name, bool Healthy, string? Error);

/// <summary>Readiness: PostgreSQL answers, and Redis when configured.</summary>
public sealed class HealthProbe(IServiceScopeFactory scopes, IServiceProvider services)
{
    public async Task<IReadOnlyList<DependencyHealth>> CheckAsync(CancellationToken ct)
    {
        var results = new List<DependencyHealth>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
            var ok = await db.Database.CanConnectAsync(ct);
            results.Add(new DependencyHealth("postgres", ok, ok ? null : "cannot connect"));
        }
        catch (Exception ex)
        {
            results.Add(new DependencyHealth("postgres", false, ex.GetType().Name));
        }

        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            try
            {
                if (!redis.IsConnected)
                    throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "redis is not connected");
                await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1));
                results.Add(new DependencyHealth("redis", true, null));
            }
            catch (Exception ex)
            {
                results.Add(new DependencyHealth("redis", false, ex.GetType().Name));
            }
        }
        return results;
    }
}
