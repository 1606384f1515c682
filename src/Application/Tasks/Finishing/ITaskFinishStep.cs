using Microsoft.Extensions.Logging;

namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// One side effect of a finished task. Each step decides for itself whether it applies. The pipeline runs a task's
/// steps in two passes (docs/task-state-machine.md, "Finish pipeline"): first each step queues its statements on the
/// task's one round trip (<see cref="IFinishStatements"/>) and hands back its turn, then, once the round trip is back,
/// the turns run in step order, publishing what the answers say. A step with nothing to queue does all its work in its
/// turn (<see cref="TurnFinishStep"/>).
/// </summary>
public interface ITaskFinishStep
{
    /// <summary>Queues this task's statements; returns the step's turn (null: nothing to do).</summary>
    ValueTask<Func<Task>?> QueueAsync(FinishedTask finished, FinishBatch batch, IFinishStatements statements, CancellationToken ct);
}

/// <summary>A step that queues nothing: all its work runs in its turn.</summary>
public abstract class TurnFinishStep : ITaskFinishStep
{
    public ValueTask<Func<Task>?> QueueAsync(FinishedTask finished, FinishBatch batch, IFinishStatements statements, CancellationToken ct) =>
        FinishTurn.Of(() => RunAsync(finished, batch, ct));

    public abstract Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct);
}

/// <summary>What <see cref="ITaskFinishStep.QueueAsync"/> hands back.</summary>
public static class FinishTurn
{
    /// <summary>Nothing to do in the step's turn.</summary>
    public static ValueTask<Func<Task>?> None => default;

    public static ValueTask<Func<Task>?> Of(Func<Task> turn) => ValueTask.FromResult<Func<Task>?>(turn);

    /// <summary>A turn that hands a queued statement's answer to <paramref name="answered"/> (<see cref="BestEffort.OnAnswer"/>).</summary>
    public static Func<Task> OnAnswer<T>(ILogger logger, string what, Guid taskId, Queued<T> queued, Action<T> answered) => () =>
    {
        BestEffort.OnAnswer(logger, what, taskId, queued, answered);
        return Task.CompletedTask;
    };
}
