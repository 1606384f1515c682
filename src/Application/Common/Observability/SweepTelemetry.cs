namespace Multica.Application.Common.Observability;

/// <summary>One sweep's counters: the run by result and what it changed, by kind.</summary>
public static class SweepTelemetry
{
    private static readonly KeyValuePair<string, object?> RuntimesOffline = new("kind", "runtimes_offline");
    private static readonly KeyValuePair<string, object?> TasksFailedOffline = new("kind", "tasks_failed_offline");
    private static readonly KeyValuePair<string, object?> TasksTimedOut = new("kind", "tasks_timed_out");
    private static readonly KeyValuePair<string, object?> RuntimesDeleted = new("kind", "runtimes_deleted");

    public static void Record(bool anyStepFailed, int runtimesOffline, int tasksFailedOffline, int tasksTimedOut, int runtimesDeleted)
    {
        MulticaMetrics.SweeperRuns.Add(1, anyStepFailed ? MulticaMetrics.Tags.Failed : MulticaMetrics.Tags.Ok);
        // Zero is recorded too, so every kind's series exists from the first sweep on.
        MulticaMetrics.SweeperSwept.Add(runtimesOffline, RuntimesOffline);
        MulticaMetrics.SweeperSwept.Add(tasksFailedOffline, TasksFailedOffline);
        MulticaMetrics.SweeperSwept.Add(tasksTimedOut, TasksTimedOut);
        MulticaMetrics.SweeperSwept.Add(runtimesDeleted, RuntimesDeleted);
    }
}
