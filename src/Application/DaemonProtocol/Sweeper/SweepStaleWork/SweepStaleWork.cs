using Multica.Application.Runtimes.Events;
using Multica.Application.Runtimes;
using Multica.Application.Tasks.StateMachine;
using Mediator;
using Multica.Application.Common.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonProtocol.Sweeper.SweepStaleWork;

/// <summary>
/// One tick of the background sweeper (docs/lifecycle.md): stale runtimes go offline and their
/// in-flight work fails, stale tasks time out, abandoned offline runtimes are deleted. Every step runs
/// even if an earlier one failed. Idempotent, so several API nodes may sweep at once.
/// </summary>
public sealed record SweepStaleWorkCommand : ICommand<SweepResult>;

public sealed record SweepResult(int RuntimesMarkedOffline, int TasksFailedOffline, int TasksTimedOut, int RuntimesDeleted);

public sealed class SweepOptions
{
    public const string Section = "Sweeper";
    public int IntervalSeconds { get; set; } = 30;
    /// <summary>Three missed 15-second heartbeats.</summary>
    public int RuntimeStaleSeconds { get; set; } = 45;
    public int DispatchTimeoutSeconds { get; set; } = 300;
    /// <summary>2.5 h: above the daemon's default 2-hour agent timeout.</summary>
    public int RunTimeoutSeconds { get; set; } = 9000;
    public int RuntimeGcDays { get; set; } = 7;
    public bool Enabled { get; set; } = true;
}

public sealed class SweepStaleWorkHandler(
    IRuntimeRepository runtimes,
    IRuntimeLiveness liveness,
    TaskTransitionService transitions,
    TaskEvents events,
    IOptions<SweepOptions> options,
    TimeProvider time,
    ILogger<SweepStaleWorkHandler> logger) : ICommandHandler<SweepStaleWorkCommand, SweepResult>
{
    public const string RuntimeOfflineError = "runtime went offline";
    public const string TimedOutError = "task timed out";
    private bool _stepFailed;

    public async ValueTask<SweepResult> Handle(SweepStaleWorkCommand command, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;

        var (markedOffline, failedOffline) = await StepAsync("stale runtimes", async () =>
        {
            // Buffered heartbeats first: a runtime that heartbeats is never judged on a stale last_seen_at.
            await liveness.FlushAsync(ct);
            var stale = await runtimes.MarkStaleOfflineAsync(now.AddSeconds(-o.RuntimeStaleSeconds), now, ct);
            liveness.Forget(stale.Select(s => s.RuntimeId));
            if (stale.Count == 0)
                return (0, 0);
            var (failed, _) = await transitions.FailOnOfflineRuntimesAsync(RuntimeOfflineError, ct);
            foreach (var workspace in stale.Select(s => s.WorkspaceId).Distinct())
                events.DaemonRegister(workspace, DaemonRegisterPayload.Changed("stale_sweep"));
            return (stale.Count, failed);
        });

        var (timedOut, _) = await StepAsync("stale tasks", () => transitions.TimeOutAsync(
            now.AddSeconds(-o.DispatchTimeoutSeconds), now.AddSeconds(-o.RunTimeoutSeconds), TimedOutError, ct));

        var (deleted, _) = await StepAsync("runtime gc", async () =>
        {
            var workspaces = await runtimes.DeleteAbandonedAsync(now.AddDays(-o.RuntimeGcDays), ct);
            foreach (var workspace in workspaces.Distinct())
                events.DaemonRegister(workspace, DaemonRegisterPayload.Changed("runtime_gc"));
            return (workspaces.Count, 0);
        });

        SweepTelemetry.Record(_stepFailed, markedOffline, failedOffline, timedOut, deleted);
        return new SweepResult(markedOffline, failedOffline, timedOut, deleted);
    }

    /// <summary>Each step logs and continues on errors, so one bad step never stalls the others.</summary>
    private async Task<(int, int)> StepAsync(string name, Func<Task<(int, int)>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _stepFailed = true;
            logger.LogError(ex, "sweeper step {Step} failed", name);
            return (0, 0);
        }
    }
}
