using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Tasks;

namespace Multica.Application.Tasks.Finishing;

/// <summary>Agent status := working while anything is in flight, else idle; always published.</summary>
public sealed class AgentReconciler(
    ITaskContextRepository context, TaskEvents events, TimeProvider time, ILogger<AgentReconciler> logger)
{
    public async Task ReconcileAsync(Guid agentId, CancellationToken ct)
    {
        try
        {
            var agent = await context.ReconcileAgentStatusAsync(agentId, TaskRules.AgentStatusFor(anyInFlight: true),
                TaskRules.AgentStatusFor(anyInFlight: false), time.GetUtcNow().UtcDateTime, ct);
            if (agent is not null)
                events.AgentStatus(agent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "agent status reconciliation failed for {AgentId}", agentId);
        }
    }
}
