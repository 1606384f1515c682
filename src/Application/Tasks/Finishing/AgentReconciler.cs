using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Application.Tasks.Finishing;

/// <summary>Agent status := working while anything is in flight, else idle; always published.</summary>
public sealed class AgentReconciler(
    ITaskContextRepository context, TaskEvents events, TimeProvider time, ILogger<AgentReconciler> logger)
{
    private static readonly string Busy = TaskRules.AgentStatusFor(anyInFlight: true);
    private static readonly string Idle = TaskRules.AgentStatusFor(anyInFlight: false);

    /// <summary>Reconciles the agent now, in a statement of its own.</summary>
    public async Task ReconcileAsync(Guid agentId, CancellationToken ct)
    {
        try
        {
            Publish(await context.ReconcileAgentStatusAsync(agentId, Busy, Idle, time.GetUtcNow().UtcDateTime, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex, agentId);
        }
    }

    /// <summary>Queues the reconciliation on a finished task's round trip; <see cref="AnnounceAsync"/> publishes it.</summary>
    public Queued<Agent?> Queue(Guid agentId, IFinishStatements statements) =>
        statements.ReconcileAgentStatus(agentId, Busy, Idle, time.GetUtcNow().UtcDateTime);

    /// <summary>Publishes a queued reconciliation; one whose answer was lost runs again alone (it is idempotent).</summary>
    public Task AnnounceAsync(Guid agentId, Queued<Agent?> reconciled, CancellationToken ct)
    {
        switch (reconciled.State)
        {
            case QueuedState.Answered:
                Publish(reconciled.Value);
                return Task.CompletedTask;
            case QueuedState.Failed:
                Failed(reconciled.Error, agentId);
                return Task.CompletedTask;
            default:
                return ReconcileAsync(agentId, ct);
        }
    }

    private void Publish(Agent? agent)
    {
        if (agent is not null)
            events.AgentStatus(agent);
    }

    private void Failed(Exception? error, Guid agentId) =>
        logger.LogWarning(error, "agent status reconciliation failed for {AgentId}", agentId);
}
