using System.Diagnostics;
using Multica.Application.Common.Observability;

namespace Multica.Application.Tasks.Claiming;

/// <summary>
/// A daemon's claim poll, per runtime or for a whole machine: the empty-poll rules around
/// <see cref="TaskClaimer"/> (docs/daemon-protocol.md, "Empty polls").
/// <list type="bullet">
/// <item>a runtime with a live "empty" mark is answered from memory;</item>
/// <item>a runtime whose last claim on this node found nothing is probed first (one index probe per runtime) and
///   only claimed for when something waits; one with nothing waiting is marked empty;</item>
/// <item>a runtime whose last claim found work is claimed for straight away and probed only if the claim found
///   nothing for it.</item>
/// </list>
/// Only the order of the reads depends on the per-node memory of the last claim, never an answer; a mark is
/// set only when the probe found nothing waiting at all, with the version read before the probe. A poll answered
/// empty from memory or by the probe counts as an empty claim in the claim metrics, as one the claim itself found
/// empty does (docs/observability.md). The claimer and the repository are resolved only when a poll needs them: a poll
/// answered from memory builds neither, nor rents a database context (<see cref="Common.ScopedLazy{T}"/>).
/// </summary>
public sealed class PollingClaimer(Lazy<TaskClaimer> claimer, EmptyQueueMarks marks, Lazy<ITaskRepository> tasks)
{
    public ValueTask<IReadOnlyList<ClaimOutcome>> ClaimAsync(IReadOnlyList<Domain.Entities.AgentRuntime> runtimes, int maxTasks, CancellationToken ct)
    {
        // The hot path, every runtime marked empty: answered from memory, synchronously and without allocating.
        if (maxTasks <= 0 || AllKnownEmpty(runtimes))
            return ValueTask.FromResult(Empty(Stopwatch.GetTimestamp()));
        return new ValueTask<IReadOnlyList<ClaimOutcome>>(AskAsync(runtimes, maxTasks, ct));
    }

    /// <summary>An empty answer given without a claim (from memory or after the probe), counted as an empty claim.</summary>
    private static IReadOnlyList<ClaimOutcome> Empty(long started)
    {
        ClaimTelemetry.Empty(started);
        return [];
    }

    private bool AllKnownEmpty(IReadOnlyList<Domain.Entities.AgentRuntime> runtimes)
    {
        for (var i = 0; i < runtimes.Count; i++)
            if (!marks.IsKnownEmpty(runtimes[i].Id))
                return false;
        return true;
    }

    private async Task<IReadOnlyList<ClaimOutcome>> AskAsync(IReadOnlyList<Domain.Entities.AgentRuntime> runtimes, int maxTasks, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var asking = runtimes.Where(r => !marks.IsKnownEmpty(r.Id)).ToList();
        if (asking.Count == 0)
            return Empty(started);
        var versions = asking.ToDictionary(r => r.Id, r => marks.Version(r.Id));

        var probeFirst = asking.Where(r => !marks.LastClaimFoundWork(r.Id)).Select(r => r.Id).ToHashSet();
        if (probeFirst.Count > 0)
        {
            var waiting = await ProbeAsync(probeFirst, versions, ct);
            asking = asking.Where(r => waiting.Contains(r.Id) || !probeFirst.Contains(r.Id)).ToList();
            if (asking.Count == 0)
                return Empty(started);
        }

        var outcomes = await claimer.Value.ClaimAsync(asking, maxTasks, ct);
        var served = outcomes.Select(o => Guid.Parse(o.Task.RuntimeId)).ToHashSet();
        foreach (var runtime in asking)
            marks.RecordClaim(runtime.Id, served.Contains(runtime.Id));

        // Claimed for without a probe and found nothing: remember "empty" only when nothing waits at all (not
        // merely at capacity).
        var unprobedEmpty = asking.Where(r => !probeFirst.Contains(r.Id) && !served.Contains(r.Id)).Select(r => r.Id).ToList();
        if (unprobedEmpty.Count > 0)
            await ProbeAsync(unprobedEmpty, versions, ct);
        return outcomes;
    }

    private async Task<IReadOnlySet<Guid>> ProbeAsync(IReadOnlyCollection<Guid> runtimeIds, Dictionary<Guid, long> versions, CancellationToken ct)
    {
        var waiting = await tasks.Value.RuntimesWithPendingAsync(runtimeIds, ct);
        foreach (var id in runtimeIds)
            if (!waiting.Contains(id))
                marks.MarkEmpty(id, versions[id]);
        return waiting;
    }
}
