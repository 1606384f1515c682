using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// Without Redis, a node's events, daemon hints and cache evictions reach only its own sockets and
/// caches, so a second node on the same database would silently miss them. This guard makes that
/// configuration fail at start-up instead: a node without Redis holds an advisory lock for its lifetime,
/// and a second one that cannot take it refuses to start (see docs/scaling.md).
/// </summary>
public sealed class SingleNodeGuard(AdvisoryLock soloLock) : IHostedService
{
    public const string RefusalMessage =
        "Another Multica node is already running against this database without Redis. Several nodes need a shared " +
        "Redis (set REDIS_URL on every node) so that live events, daemon wake-ups and credential revocations reach " +
        "every node; stop the other node or configure Redis.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await soloLock.TryHoldAsync(cancellationToken))
            throw new InvalidOperationException(RefusalMessage);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await soloLock.ReleaseAsync();

    public static AdvisoryLock CreateLock(string connectionString, ILogger logger) =>
        new(connectionString, AdvisoryLockKeys.NodeWithoutRedis, logger);
}
