using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Observability;

namespace Multica.Infrastructure.Hosting;

/// <summary>Memory settings of the process (docs/operations.md, "Memory at rest").</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>Return memory to the operating system when the server has gone quiet after a busy period.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the allocation rate and the completed work items are sampled.</summary>
    public int CheckSeconds { get; set; } = 5;

    /// <summary>Consecutive quiet samples before a trim.</summary>
    public int QuietChecks { get; set; } = 2;

    /// <summary>A quiet sample allocated at most this many bytes per second...</summary>
    public long QuietAllocationBytesPerSecond { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// ...and completed at most this many thread-pool work items per second. Every request, socket frame and
    /// database round trip completes several; the server's own timers a handful. A connected fleet, even one
    /// that allocates little, is never quiet.
    /// </summary>
    public long QuietWorkItemsPerSecond { get; set; } = 100;

    /// <summary>Trim only when the resident set has grown by this much since the last trim (or since start).</summary>
    public long MinGrowthBytes { get; set; } = 32 * 1024 * 1024;
}

/// <summary>
/// When to trim: after <see cref="MemoryOptions.QuietChecks"/> quiet samples in a row (few bytes allocated and
/// few work items completed per second), and only when the resident set grew by
/// <see cref="MemoryOptions.MinGrowthBytes"/> since the last trim. A server with work, even light work, never
/// trims, and a server that stays quiet trims once, not on every sample.
/// </summary>
public sealed class IdleTrimPolicy(MemoryOptions options)
{
    private long? _lastAllocated;
    private long _lastWorkItems;
    private DateTimeOffset _lastAt;
    private int _quiet;
    private long _baseline;

    /// <summary>Feeds one sample; true when the caller should trim now.</summary>
    public bool Observe(DateTimeOffset now, long allocatedBytes, long completedWorkItems, long residentBytes)
    {
        var quiet = false;
        if (_lastAllocated is { } previous)
        {
            var seconds = Math.Max(0.001, (now - _lastAt).TotalSeconds);
            quiet = (allocatedBytes - previous) / seconds <= options.QuietAllocationBytesPerSecond
                    && (completedWorkItems - _lastWorkItems) / seconds <= options.QuietWorkItemsPerSecond;
        }
        _lastAllocated = allocatedBytes;
        _lastWorkItems = completedWorkItems;
        _lastAt = now;
        _quiet = quiet ? _quiet + 1 : 0;
        return _quiet >= Math.Max(1, options.QuietChecks) && residentBytes - _baseline >= options.MinGrowthBytes;
    }

    /// <summary>Records the resident set after a trim: the next trim waits for that much growth again.</summary>
    public void Trimmed(long residentBytesAfter)
    {
        _baseline = residentBytesAfter;
        _quiet = 0;
    }
}

/// <summary>
/// Gives memory back once a busy period is over. The GC keeps the heap it grew under load (and glibc keeps
/// freed native blocks) for the next burst; on a small server that is most of the resident set at rest. When
/// <see cref="IdleTrimPolicy"/> says so, one blocking, compacting, aggressive collection decommits the free
/// heap, and <c>malloc_trim</c> releases the native heap's free pages. It runs only while the server has next to
/// nothing to do, so its pause meets no request.
/// </summary>
public sealed class IdleMemoryTrimmer(IOptions<MemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrimmer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrimWhenIdle)
            return;
        var policy = new IdleTrimPolicy(settings);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.CheckSeconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!policy.Observe(time.GetUtcNow(), GC.GetTotalAllocatedBytes(), ThreadPool.CompletedWorkItemCount, Environment.WorkingSet))
                    continue;
                var before = Environment.WorkingSet;
                Trim();
                var after = Environment.WorkingSet;
                policy.Trimmed(after);
                MulticaMetrics.MemoryTrims.Add(1);
                MulticaMetrics.MemoryTrimmedBytes.Add(Math.Max(0, before - after));
                logger.LogInformation("idle: memory returned to the OS, resident set {BeforeMiB} → {AfterMiB} MiB",
                    before >> 20, after >> 20);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One aggressive, compacting collection (large objects included), then the native heap's trim.</summary>
    public static void Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): the managed part above is the whole trim.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
