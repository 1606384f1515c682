using System.Diagnostics;
using Multica.Application.Tasks.Claiming;

namespace Multica.Application.Common.Observability;

/// <summary>Claim counters, claim duration and pickup latency, recorded by the claimer (HTTP and socket claims alike).</summary>
public static class ClaimTelemetry
{
    private static readonly KeyValuePair<string, object?> NoRuntimeOwner = new("outcome", "no_runtime_owner");

    /// <summary>Nothing was claimable for the runtimes asked about.</summary>
    public static void Empty(long startTimestamp)
    {
        MulticaMetrics.Claims.Add(1, MulticaMetrics.Tags.Empty);
        MulticaMetrics.ClaimDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, MulticaMetrics.Tags.Empty);
    }

    /// <summary>One task claimed; a task handed out also records its wait from enqueue to claim.</summary>
    public static void Claimed(ClaimRejection rejection, DateTime enqueuedAt, DateTime now)
    {
        switch (rejection)
        {
            case ClaimRejection.None:
                MulticaMetrics.Claims.Add(1, MulticaMetrics.Tags.Claimed);
                MulticaMetrics.PickupLatency.Record(Math.Max(0, (now - enqueuedAt).TotalSeconds));
                break;
            case ClaimRejection.WorkspaceIsolation:
                MulticaMetrics.Claims.Add(1, MulticaMetrics.Tags.IsolationFailed);
                break;
            default:
                MulticaMetrics.Claims.Add(1, NoRuntimeOwner);
                break;
        }
    }

    /// <summary>A claim that returned tasks finished (whatever each task's outcome).</summary>
    public static void Finished(long startTimestamp) =>
        MulticaMetrics.ClaimDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, MulticaMetrics.Tags.Claimed);
}
