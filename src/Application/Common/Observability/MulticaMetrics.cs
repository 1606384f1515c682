using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Multica.Application.Common.Observability;

/// <summary>
/// The server's own instruments, on one <see cref="Meter"/> named <see cref="MeterName"/>. Every tag set used on
/// a hot path is built once here, so recording a measurement allocates nothing. docs/observability.md lists each
/// instrument with its Prometheus name, unit, labels and what to alert on.
/// </summary>
public static class MulticaMetrics
{
    public const string MeterName = "Multica";
    public const string ActivitySourceName = "Multica";

    public static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>One activity per mediator command; EF Core, Npgsql and Redis spans become its children.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName, "1.0");

    // ---- daemon presence -------------------------------------------------------------------------------------
    public static readonly Counter<long> Heartbeats = Meter.CreateCounter<long>(
        "multica.daemon.heartbeats", "{heartbeat}", "Runtime heartbeats accepted, by transport (http, socket).");

    public static readonly UpDownCounter<long> DaemonSockets = Meter.CreateUpDownCounter<long>(
        "multica.daemon.sockets", "{socket}", "Daemon WebSockets (/api/daemon/ws) connected to this node.");

    public static readonly Counter<long> Wakeups = Meter.CreateCounter<long>(
        "multica.daemon.wakeups", "{message}", "Wake-up messages pushed to daemon sockets, by type.");

    // ---- claiming --------------------------------------------------------------------------------------------
    public static readonly Counter<long> Claims = Meter.CreateCounter<long>(
        "multica.task.claims", "{claim}", "Claim attempts by outcome (claimed, empty, isolation_failed).");

    public static readonly Histogram<double> ClaimDuration = Meter.CreateHistogram<double>(
        "multica.task.claim.duration", "s", "Time to claim and build the claimed tasks, by outcome.");

    public static readonly Histogram<double> PickupLatency = Meter.CreateHistogram<double>(
        "multica.task.pickup.latency", "s", "Time from a task being queued to a daemon claiming it.");

    // ---- live channels ---------------------------------------------------------------------------------------
    public static readonly UpDownCounter<long> RealtimeClients = Meter.CreateUpDownCounter<long>(
        "multica.realtime.clients", "{connection}", "Web app WebSockets (/ws) connected to this node.");

    public static readonly UpDownCounter<long> IssueReactionsQueued = Meter.CreateUpDownCounter<long>(
        "multica.issue_reactions.queued", "{event}",
        "Issue and comment events on this node waiting for their reactions (followers, activity, inbox items).");

    public static readonly Histogram<long> IssueReactionBatchSize = Meter.CreateHistogram<long>(
        "multica.issue_reactions.batch_size", "{event}",
        "Events reacted to in one transaction (a lane takes every event it has queued, up to 64).",
        tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });

    public static readonly Counter<long> EventsRelayed = Meter.CreateCounter<long>(
        "multica.events.relayed", "{event}", "Events relayed between nodes, by direction (published, received).");

    // ---- pending requests ------------------------------------------------------------------------------------
    public static readonly Counter<long> PendingProbeTimeouts = Meter.CreateCounter<long>(
        "multica.pending_requests.probe_timeouts", "{probe}",
        "Heartbeat probes of the pending-request store that gave up, by request kind.");

    public static readonly Counter<long> PendingProbesSkipped = Meter.CreateCounter<long>(
        "multica.pending_requests.probes_skipped", "{probe}",
        "Heartbeat probes of the pending-request store skipped while its circuit breaker was open.");

    public static readonly Counter<long> PendingStoreCallsRefused = Meter.CreateCounter<long>(
        "multica.pending_requests.store_calls_refused", "{call}",
        "Pending-request store operations refused at once while its circuit breaker was open, by request kind.");

    public static readonly Counter<long> PendingStoreFailures = Meter.CreateCounter<long>(
        "multica.pending_requests.store_failures", "{failure}",
        "Pending-request store operations that failed, by request kind.");

    // ---- sweeper ---------------------------------------------------------------------------------------------
    public static readonly Counter<long> SweeperRuns = Meter.CreateCounter<long>(
        "multica.sweeper.runs", "{run}", "Stale-work sweeps, by result (ok, failed).");

    public static readonly Counter<long> SweeperSwept = Meter.CreateCounter<long>(
        "multica.sweeper.swept", "{item}", "What the sweeper changed, by kind.");

    // ---- memory ----------------------------------------------------------------------------------------------
    public static readonly Counter<long> MemoryTrims = Meter.CreateCounter<long>(
        "multica.memory.trims", "{trim}", "Idle trims that gave memory back to the OS.");

    public static readonly Counter<long> MemoryTrimmedBytes = Meter.CreateCounter<long>(
        "multica.memory.trimmed", "By", "Resident bytes the idle trims gave back to the OS.");

    // ---- start-up --------------------------------------------------------------------------------------------
    public static readonly Counter<long> Warmups = Meter.CreateCounter<long>(
        "multica.warmups", "{pass}", "Warm-up passes at start (the task loop once against the node itself), by result (ok, failed).");

    // ---- pre-built tag sets ----------------------------------------------------------------------------------
    public static class Tags
    {
        public static readonly KeyValuePair<string, object?> Http = new("transport", "http");
        public static readonly KeyValuePair<string, object?> Socket = new("transport", "socket");

        public static readonly KeyValuePair<string, object?> Claimed = new("outcome", "claimed");
        public static readonly KeyValuePair<string, object?> Empty = new("outcome", "empty");
        public static readonly KeyValuePair<string, object?> IsolationFailed = new("outcome", "isolation_failed");

        public static readonly KeyValuePair<string, object?> Published = new("direction", "published");
        public static readonly KeyValuePair<string, object?> Received = new("direction", "received");

        public static readonly KeyValuePair<string, object?> Ok = new("result", "ok");
        public static readonly KeyValuePair<string, object?> Failed = new("result", "failed");
    }

    /// <summary>A cached one-tag set per distinct value (a handful of kinds), so repeated recording allocates nothing.</summary>
    public static KeyValuePair<string, object?> Tag(string key, string value) => TagCache.Get(key, value);

    private static class TagCache
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), KeyValuePair<string, object?>> Cache = new();
        public static KeyValuePair<string, object?> Get(string key, string value) =>
            Cache.GetOrAdd((key, value), static k => new KeyValuePair<string, object?>(k.Item1, k.Item2));
    }
}
