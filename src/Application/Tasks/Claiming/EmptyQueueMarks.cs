using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Multica.Application.Tasks.Claiming;

/// <summary>
/// Per-runtime "nothing is waiting here" marks, so an empty claim poll can answer without the database
/// (docs/daemon-protocol.md, "Empty polls"). A mark means: this runtime had no queued or dispatched task
/// when it was set, and no task has been inserted for it since, as far as this node has heard. It is
/// conservative:
/// <list type="bullet">
/// <item>only inserts put a task into a waiting status (no transition leads back to queued or dispatched),
///   and every insert invalidates the runtime's mark, before and after its commit;</item>
/// <item>the task wake-up (<c>IDaemonWakeups.TaskAvailable</c>) invalidates it too: that hint is what a
///   multi-node deployment relays to every node, so an enqueue on another node clears this node's mark;</item>
/// <item>a mark is set only if no invalidation arrived since before the lookup that found the queue empty
///   (a version per runtime, plus an epoch for <see cref="InvalidateAll"/>), so an enqueue racing with the lookup
///   is never hidden;</item>
/// <item>while this node's link to the other nodes is down (<see cref="Suspend"/>) no mark is trusted or set,
///   and when it comes back every mark is dropped (hints may have been missed meanwhile);</item>
/// <item>a mark lives at most <see cref="Lifetime"/> (<c>Tasks:EmptyPollMarkSeconds</c>, default 30 s, one slow
///   daemon poll interval): the bound on the delay should another node enqueue while only that node had lost
///   its link, so that its hint never left it.</item>
/// </list>
/// </summary>
public sealed class EmptyQueueMarks(TimeProvider time, IOptions<TaskOptions> options)
{
    private readonly ConcurrentDictionary<Guid, long> _emptyUntil = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private readonly Lock _gate = new();
    private long _epoch;
    private volatile bool _suspended;

    public TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.EmptyPollMarkSeconds));

    public bool IsKnownEmpty(Guid runtimeId) =>
        !_suspended && _emptyUntil.TryGetValue(runtimeId, out var until) && time.GetUtcNow().UtcTicks < until;

    /// <summary>Read before the lookup; hand it to <see cref="MarkEmpty"/> afterwards.</summary>
    public long Version(Guid runtimeId)
    {
        lock (_gate)
            return _versions.GetValueOrDefault(runtimeId) + (_epoch << 32);
    }

    public void MarkEmpty(Guid runtimeId, long versionBeforeLookup)
    {
        lock (_gate)
        {
            if (!_suspended && Version(runtimeId) == versionBeforeLookup)
                _emptyUntil[runtimeId] = time.GetUtcNow().UtcTicks + Lifetime.Ticks;
        }
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
    public void InvalidateAll()
    {
        lock (_gate)
        {
            _epoch++;
            _emptyUntil.Clear();
        }
    }

    /// <summary>The link that carries other nodes' wake-ups is down: every poll asks the database until <see cref="Resume"/>.</summary>
    public void Suspend()
    {
        lock (_gate)
        {
            _suspended = true;
            _epoch++;
            _emptyUntil.Clear();
        }
    }

    /// <summary>The link is back: marks may be set again, from fresh lookups only.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _epoch++;
            _emptyUntil.Clear();
            _suspended = false;
        }
    }
}
