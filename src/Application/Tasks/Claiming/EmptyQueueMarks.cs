using System.Collections.Concurrent;

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
///   (a version per runtime), so an enqueue racing with the lookup is never hidden;</item>
/// <item>a mark lives at most <see cref="Lifetime"/>, which bounds the delay should a cross-node hint be lost:
///   no longer than one daemon poll interval.</item>
/// </list>
/// </summary>
public sealed class EmptyQueueMarks(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<Guid, long> _emptyUntil = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private readonly Lock _gate = new();

    public bool IsKnownEmpty(Guid runtimeId) =>
        _emptyUntil.TryGetValue(runtimeId, out var until) && time.GetUtcNow().UtcTicks < until;

    /// <summary>Read before the lookup; hand it to <see cref="MarkEmpty"/> afterwards.</summary>
    public long Version(Guid runtimeId) => _versions.GetValueOrDefault(runtimeId);

    public void MarkEmpty(Guid runtimeId, long versionBeforeLookup)
    {
        lock (_gate)
        {
            if (Version(runtimeId) == versionBeforeLookup)
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
}
