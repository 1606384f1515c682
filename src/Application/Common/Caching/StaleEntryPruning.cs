using System.Collections.Concurrent;

namespace Multica.Application.Common.Caching;

/// <summary>
/// Keeps a node's per-runtime map of times from growing with every runtime the node has ever seen (a daemon that
/// stops leaves its entry behind, and a node runs for months): once as many entries have been written since the last
/// prune as the map held after it (at least <see cref="Minimum"/>), the entries past their use are removed. The cost
/// is amortised over the writes, needs no timer, and leaves the map at most about twice its live size. An entry is
/// removed only if it still holds the value it was judged stale by, so a write racing the prune wins
/// (docs/daemon-protocol.md, "Coalesced heartbeats" and "Empty polls").
/// </summary>
public sealed class StaleEntryPruning
{
    /// <summary>The fewest writes between two prunes.</summary>
    public const int Minimum = 4096;

    private readonly Lock _gate = new();
    private long _writes;
    private long _nextAt = Minimum;

    /// <summary>
    /// Counts one write to <paramref name="map"/>; when due, removes the entries whose value
    /// <paramref name="isStale"/> rejects at <paramref name="now"/> (a static function: nothing is allocated per write).
    /// </summary>
    public void AfterWrite<TKey>(ConcurrentDictionary<TKey, long> map, long now, Func<long, long, bool> isStale) where TKey : notnull
    {
        if (Interlocked.Increment(ref _writes) < Interlocked.Read(ref _nextAt))
            return;
        lock (_gate)
        {
            if (Interlocked.Read(ref _writes) < _nextAt)
                return;
            var kept = 0;
            foreach (var entry in map)
            {
                if (!isStale(entry.Value, now) || !map.TryRemove(entry))
                    kept++;
            }
            Interlocked.Exchange(ref _writes, 0);
            Interlocked.Exchange(ref _nextAt, Math.Max(Minimum, kept));
        }
    }
}
