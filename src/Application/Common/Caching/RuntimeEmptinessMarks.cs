using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Multica.Application.Tasks;

namespace Multica.Application.Common.Caching;

/// <summary>
/// Per-runtime "nothing here" marks that let a hot daemon route answer from memory, and the rules that keep
/// them conservative (docs/daemon-protocol.md, "Empty polls"):
/// <list type="bullet">
/// <item>a mark is set only if no invalidation arrived since before the lookup that found nothing (a version
///   per runtime, plus an epoch for <see cref="InvalidateAll"/>), so work added during the lookup is never
///   hidden;</item>
/// <item>whatever adds work invalidates the runtime's mark, on this node directly and on the others through
///   the relayed daemon hint;</item>
/// <item>while this node's link to the other nodes is down (<see cref="Suspend"/>) no mark is trusted or set,
///   and when it comes back every mark is dropped;</item>
/// <item>a mark lives at most <see cref="Lifetime"/> (<c>Tasks:EmptyPollMarkSeconds</c>): the bound should a
///   hint never reach this node; expired marks are pruned as new ones are set (<see cref="StaleEntryPruning"/>).</item>
/// </list>
/// </summary>
public abstract class RuntimeEmptinessMarks(TimeProvider time, IOptions<TaskOptions> options)
{
    private readonly ConcurrentDictionary<Guid, long> _emptyUntil = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private readonly StaleEntryPruning _pruning = new();
    private readonly Lock _gate = new();
    private long _epoch;
    private volatile bool _suspended;

    public TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.EmptyPollMarkSeconds));

    /// <summary>Runtimes with a mark held in memory, expired ones not yet pruned included.</summary>
    public int MarkedRuntimes => _emptyUntil.Count;

    public bool IsKnownEmpty(Guid runtimeId) =>
        !_suspended && _emptyUntil.TryGetValue(runtimeId, out var until) && time.GetUtcNow().UtcTicks < until;

    /// <summary>
    /// Read before the lookup; hand it to <see cref="MarkEmpty"/> afterwards. Lock-free (it is on the claim and
    /// heartbeat paths): both parts only grow, so a read racing an invalidation can only miss a mark, never set
    /// a wrong one.
    /// </summary>
    public long Version(Guid runtimeId) => (Interlocked.Read(ref _epoch) << 32) + _versions.GetValueOrDefault(runtimeId);

    public void MarkEmpty(Guid runtimeId, long versionBeforeLookup)
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (_suspended || Version(runtimeId) != versionBeforeLookup)
                return;
            _emptyUntil[runtimeId] = now + Lifetime.Ticks;
        }
        _pruning.AfterWrite(_emptyUntil, now, static (until, at) => until <= at);
    }

    public void Invalidate(Guid runtimeId)
    {
        lock (_gate)
        {
            _versions.AddOrUpdate(runtimeId, 1, (_, v) => v + 1);
            _emptyUntil.TryRemove(runtimeId, out _);
        }
    }

    /// <summary>Drops every mark (and any mark a lookup in progress would set).</summary>
    public void InvalidateAll() => SetSuspended(null);

    /// <summary>The link that carries other nodes' hints is down: every request looks up until <see cref="Resume"/>.</summary>
    public void Suspend() => SetSuspended(true);

    /// <summary>The link is back: marks may be set again, from fresh lookups only.</summary>
    public void Resume() => SetSuspended(false);

    private void SetSuspended(bool? suspended)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _epoch);
            _emptyUntil.Clear();
            if (suspended is { } value)
                _suspended = value;
        }
    }
}
