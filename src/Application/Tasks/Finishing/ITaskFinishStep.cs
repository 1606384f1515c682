namespace Multica.Application.Tasks.Finishing;

/// <summary>One side effect of a finished task. Each step decides for itself whether it applies.</summary>
public interface ITaskFinishStep
{
    Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct);
}
