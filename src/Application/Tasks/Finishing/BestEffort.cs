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
}
