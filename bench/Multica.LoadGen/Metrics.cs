using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace Multica.LoadGen;

/// <summary>Latency (HDR histogram, microseconds), successes and errors of one route.</summary>
public sealed class RouteStats(string name)
{
    private readonly LongHistogram _histogram = new(120_000_000, 3); // up to 120 s, in microseconds
    private readonly ConcurrentDictionary<string, int> _errorKinds = new();
    private long _ok;
    private long _errors;
    private long _intervalMaxMicros;

    public string Name => name;
    public long Ok => Interlocked.Read(ref _ok);
    public long Errors => Interlocked.Read(ref _errors);
    public long Total => Ok + Errors;
    public IReadOnlyDictionary<string, int> ErrorKinds => _errorKinds;

    public void Success(long startTimestamp)
    {
        var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);
        lock (_histogram)
            _histogram.RecordValue(Math.Min(micros, _histogram.HighestTrackableValue));
        Interlocked.Increment(ref _ok);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _intervalMaxMicros))
               && Interlocked.CompareExchange(ref _intervalMaxMicros, micros, seen) != seen)
        {
        }
    }

    /// <summary>The slowest success since the last call (for the progress line: when in a phase a stall happened).</summary>
    public double TakeIntervalMaxMs() => Interlocked.Exchange(ref _intervalMaxMicros, 0) / 1000.0;

    public void Error(string kind)
    {
        Interlocked.Increment(ref _errors);
        _errorKinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    public double PercentileMs(double percentile)
    {
        lock (_histogram)
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
    }

    public double MaxMs()
    {
        lock (_histogram)
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;
    }
}

/// <summary>
/// One measured phase: per-route stats, wall time, server CPU and RSS, a live progress line on stderr,
/// and a summary (markdown on stdout, figures as TSV for bench/run.sh).
/// </summary>
public sealed class Phase : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RouteStats> _routes = new();
    private readonly ServerProbe _probe;
    private readonly Report _report;
    private readonly string _name;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly double? _cpuAtStart;
    private readonly CancellationTokenSource _stopProgress = new();
    private readonly Task _progress;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampling;
    private TimeSpan? _elapsed;
    private double? _cpuAtEnd;
    private double? _rssPeak;

    private readonly bool _print;

    /// <summary>A phase; with <paramref name="print"/> false (warm-ups) nothing is printed or recorded.</summary>
    public Phase(string name, ServerProbe probe, Report report, bool print = true)
    {
        _print = print;
        _name = name;
        _probe = probe;
        _report = report;
        _cpuAtStart = probe.CpuSeconds();
        _progress = ProgressAsync(_stopProgress.Token);
        _sampling = SampleRssAsync(_stopSampling.Token);
    }

    public RouteStats Route(string name) => _routes.GetOrAdd(name, n => new RouteStats(n));

    /// <summary>Freezes wall time and server CPU; call when the measured load ends (before draining).</summary>
    public void Stop()
    {
        _elapsed ??= Stopwatch.GetElapsedTime(_started);
        _cpuAtEnd ??= _probe.CpuSeconds();
        _stopSampling.Cancel();
    }

    /// <summary>
    /// The server's resident set every 500 ms while the load runs: the highest reading is the phase's memory
    /// figure, since the reading after the phase catches the GC already returning memory once the load stops.
    /// </summary>
    private async Task SampleRssAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (_probe.RssMiB() is { } rss)
                    _rssPeak = Math.Max(_rssPeak ?? 0, rss);
                await Task.Delay(500, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public TimeSpan Elapsed => _elapsed ?? Stopwatch.GetElapsedTime(_started);

    private async Task ProgressAsync(CancellationToken ct)
    {
        var interactive = !Console.IsErrorRedirected;
        var every = interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        var last = new Dictionary<string, long>();
        var lastAt = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(every, ct);
                var now = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
                lastAt = now;
                var parts = _routes.Values.OrderBy(r => r.Name).Select(r =>
                {
                    var delta = r.Total - last.GetValueOrDefault(r.Name);
                    last[r.Name] = r.Total;
                    var max = r.TakeIntervalMaxMs();
                    return $"{r.Name} {delta / seconds:N0}/s{(max >= 100 ? $" max {max:N0} ms" : "")}{(r.Errors > 0 ? $" ({r.Errors} err)" : "")}";
                });
                var line = $"[{_name} {Elapsed.TotalSeconds:F0}s] {string.Join(" | ", parts)}";
                if (interactive)
                    Console.Error.Write("\r" + (line.Length > 150 ? line[..150] : line).PadRight(150));
                else
                    Console.Error.WriteLine(line);
            }
        }
        catch (OperationCanceledException)
        {
            if (interactive)
                Console.Error.WriteLine();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _stopProgress.CancelAsync();
        await _progress;
        await _sampling;
        _stopProgress.Dispose();
        _stopSampling.Dispose();
        if (!_print)
            return;
        var seconds = _elapsed!.Value.TotalSeconds;
        var routes = _routes.Values.OrderBy(r => r.Name).ToList();
        var requests = routes.Sum(r => r.Total);
        double? cpuMsPerRequest = _cpuAtStart is { } a && _cpuAtEnd is { } b && requests > 0 ? (b - a) * 1000 / requests : null;

        Console.WriteLine();
        Console.WriteLine($"### {_name} ({seconds:F1} s, {requests:N0} requests)");
        Console.WriteLine();
        Console.WriteLine("| route | ok | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in routes)
        {
            var rps = r.Ok / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Ok:N0} | {r.Errors:N0} | {rps:N0} | {r.PercentileMs(50):F2} | {r.PercentileMs(95):F2} | {r.PercentileMs(99):F2} | {r.MaxMs():F1} |"));
            var key = $"{_name}.{r.Name}";
            _report.Figure($"{key}.rps", rps, "req/s");
            _report.Figure($"{key}.p50_ms", r.PercentileMs(50), "ms");
            _report.Figure($"{key}.p95_ms", r.PercentileMs(95), "ms");
            _report.Figure($"{key}.p99_ms", r.PercentileMs(99), "ms");
            _report.Figure($"{key}.max_ms", r.MaxMs(), "ms");
            _report.Figure($"{key}.errors", r.Errors, "count");
            foreach (var (kind, count) in r.ErrorKinds.OrderByDescending(e => e.Value).Take(5))
                Console.WriteLine($"|   error: {kind.Replace('|', '/')} | | {count:N0} | | | | | |");
        }
        Console.WriteLine();
        if (cpuMsPerRequest is { } cpu)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Server CPU: {(_cpuAtEnd!.Value - _cpuAtStart!.Value):F2} s over {seconds:F1} s = {cpu:F3} ms per request (all routes of the phase)."));
            _report.Figure($"{_name}.server_cpu_ms_per_request", cpu, "ms");
        }
        if (_probe.RssMiB() is { } rss)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Server RSS after the phase: {rss:F0} MiB; highest while it ran (every 500 ms): {_rssPeak ?? rss:F0} MiB."));
            _report.Figure($"{_name}.server_rss_mib", rss, "MiB");
            _report.Figure($"{_name}.server_rss_peak_mib", _rssPeak ?? rss, "MiB");
        }
    }
}

/// <summary>Figures for bench/run.sh: one "key TAB value TAB unit" line each, appended to --figures.</summary>
public sealed class Report(string? path)
{
    public void Figure(string key, double value, string unit)
    {
        if (path is null)
            return;
        lock (this)
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{key}\t{value:0.###}\t{unit}\n"));
    }
}
