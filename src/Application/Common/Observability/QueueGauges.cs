using System.Diagnostics.Metrics;

namespace Multica.Application.Common.Observability;

/// <summary>
/// Queue depth per status, queued tasks per runtime and runtimes online, as observable gauges. A scrape only reads
/// the last snapshot, which a background refresher replaces every few seconds with one grouped, index-backed
/// query; nothing is counted per scrape.
/// </summary>
public static class QueueGauges
{
    /// <summary>The counts at one moment, with their tags built once.</summary>
    public sealed class Snapshot(
        IReadOnlyList<Measurement<long>> tasksByStatus,
        IReadOnlyList<Measurement<long>> queuedByRuntime,
        long runtimesOnline)
    {
        public static readonly Snapshot Empty = new([], [], 0);
        public IReadOnlyList<Measurement<long>> TasksByStatus { get; } = tasksByStatus;
        public IReadOnlyList<Measurement<long>> QueuedByRuntime { get; } = queuedByRuntime;
        public long RuntimesOnline { get; } = runtimesOnline;
        public bool Loaded { get; init; }
    }

    private static volatile Snapshot _current = Snapshot.Empty;

    public static Snapshot Current => _current;

    public static readonly ObservableGauge<long> Tasks = MulticaMetrics.Meter.CreateObservableGauge(
        "multica.tasks", () => _current.TasksByStatus, "{task}",
        "Tasks not yet finished, by status (queued, dispatched, waiting_local_directory, running).");

    public static readonly ObservableGauge<long> QueuedPerRuntime = MulticaMetrics.Meter.CreateObservableGauge(
        "multica.tasks.queued", () => _current.QueuedByRuntime, "{task}",
        "Queued tasks per runtime (runtimes with at least one queued task).");

    public static readonly ObservableGauge<long> RuntimesOnline = MulticaMetrics.Meter.CreateObservableGauge(
        "multica.runtimes.online", ObserveRuntimesOnline, "{runtime}", "Runtimes whose status is online.");

    private static IEnumerable<Measurement<long>> ObserveRuntimesOnline()
    {
        var snapshot = _current;
        return snapshot.Loaded ? [new Measurement<long>(snapshot.RuntimesOnline)] : [];
    }

    /// <summary>Replaces the snapshot the gauges report.</summary>
    public static void Publish(IReadOnlyDictionary<string, long> tasksByStatus, IReadOnlyDictionary<string, long> queuedByRuntime,
        long runtimesOnline)
    {
        _current = new Snapshot(
            tasksByStatus.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("status", p.Key))).ToArray(),
            queuedByRuntime.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("runtime_id", p.Key))).ToArray(),
            runtimesOnline) { Loaded = true };
    }
}
