using Microsoft.Extensions.Logging;
using Multica.Infrastructure.Cluster;

namespace Multica.Infrastructure.Background;

/// <summary>
/// Which node sweeps: the one holding the sweeper's PostgreSQL advisory lock. Every node with the sweeper
/// enabled asks at each tick; the holder keeps it while its connection answers, the others take it over at
/// their first tick after the holder stops, i.e. within one sweep interval.
/// </summary>
public sealed class SweeperLease(string connectionString, ILogger<SweeperLease> logger) : IAsyncDisposable
{
    private readonly AdvisoryLock _lock = new(connectionString, AdvisoryLockKeys.Sweeper, logger);
    private long _sweeps;

    /// <summary>True while this node is the sweeping node.</summary>
    public bool IsHolder => _lock.IsHeld;

    /// <summary>Sweeps this node has run.</summary>
    public long Sweeps => Interlocked.Read(ref _sweeps);

    public Task<bool> TryHoldAsync(CancellationToken ct) => _lock.TryHoldAsync(ct);

    public void RecordSweep() => Interlocked.Increment(ref _sweeps);

    public Task ReleaseAsync() => _lock.ReleaseAsync();

    public ValueTask DisposeAsync() => _lock.DisposeAsync();
}
