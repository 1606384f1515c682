using Microsoft.Extensions.Logging;

namespace Multica.Application.Tasks.Finishing;

/// <summary>Runs a side effect whose failure is logged and ignored: the task's outcome is already committed.</summary>
public static class BestEffort
{
    public static async Task RunAsync(ILogger logger, string what, Guid taskId, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "{What} failed for task {TaskId}", what, taskId);
        }
    }

    /// <summary>
    /// A queued statement's answer handed to <paramref name="answered"/>; a statement that failed, or whose answer was
    /// lost, is logged and ignored like any other best-effort side effect.
    /// </summary>
    public static void OnAnswer<T>(ILogger logger, string what, Guid taskId, Queued<T> queued, Action<T> answered)
    {
        if (queued.State == QueuedState.Answered)
            answered(queued.Value!);
        else if (queued.State == QueuedState.Failed)
            logger.LogWarning(queued.Error, "{What} failed for task {TaskId}", what, taskId);
        else
            logger.LogWarning(queued.Error, "{What} for task {TaskId}: sent, its answer lost ({State})", what, taskId, queued.State);
    }
}
