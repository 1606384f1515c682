using System.Diagnostics;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Observability;

namespace Multica.WebApi.Warmup;

/// <summary>The start-up warm-up's settings (docs/operations.md, "Warm-up at start").</summary>
public sealed class WarmupOptions
{
    public const string Section = "Warmup";

    /// <summary>Run the task loop once against this node before it reports ready.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The warm-up's whole budget; past it the node reports ready anyway.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Closed while the warm-up runs: <c>/readyz</c> answers 503 <c>warming up</c>, so a balancer that checks readiness
/// keeps the node out of its pool until its first calls no longer pay for compiling their code paths.
/// </summary>
public sealed class WarmupGate(bool open)
{
    private volatile bool _open = open;

    public bool IsOpen => _open;

    public void Open() => _open = true;
}

/// <summary>One pass over the node's hot paths (<see cref="SelfHttpWarmupRound"/>; tests put their own in).</summary>
public interface IStartupWarmupRound
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// Runs the warm-up once the node listens, bounded by <see cref="WarmupOptions.TimeoutSeconds"/>, then opens the
/// gate whatever happened: a warm-up that fails or times out costs the node its warm start, never its readiness.
/// </summary>
public sealed class StartupWarmup(
    WarmupGate gate,
    IStartupWarmupRound round,
    IHostApplicationLifetime lifetime,
    IOptions<WarmupOptions> options,
    ILogger<StartupWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate.IsOpen)
            return;
        try
        {
            if (!await WaitForStartAsync(stoppingToken))
                return;
            var started = Stopwatch.GetTimestamp();
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            bound.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)));
            // Ready when the budget runs out, not only once the pass has also cleaned up after itself.
            await using var onBudget = bound.Token.Register(gate.Open);
            await round.RunAsync(bound.Token);
            MulticaMetrics.Warmups.Add(1, MulticaMetrics.Tag("result", "ok"));
            logger.LogInformation("warm-up: the task loop ran once in {ElapsedMs:F0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A pass that fails on a healthy database is a path of the task loop that fails: worth an alert.
            MulticaMetrics.Warmups.Add(1, MulticaMetrics.Tag("result", "failed"));
            logger.LogWarning(ex, "warm-up failed; the node reports ready without it");
        }
        finally
        {
            gate.Open();
        }
    }

    /// <summary>Until the server listens (the warm-up calls it); false when the host stops first.</summary>
    private async Task<bool> WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStop = ct.Register(() => started.TrySetCanceled(ct));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
