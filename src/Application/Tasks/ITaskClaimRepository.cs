using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

public interface ITaskClaimRepository
{
    /// <summary>
    /// Atomically dispatches up to MaxTasks tasks (at most one per agent) of the given runtimes under each
    /// agent's max_concurrent_tasks, marks the agents working and mints the tasks' mat_ tokens — all in one
    /// transaction. Cost is bounded by ScanLimit per runtime, not by queue depth.
    /// </summary>
    Task<IReadOnlyList<ClaimedTask>> ClaimAsync(ClaimRequest request, CancellationToken ct);

    Task<IReadOnlyList<ClaimContext>> LoadClaimContextsAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct);
    Task<IReadOnlyList<Agent>> LoadAgentsAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken ct);
    /// <summary>Skills of the agents (by name) with their files (by path); a skill without files has one row with null file.</summary>
    Task<IReadOnlyList<AgentSkillFile>> LoadAgentSkillsAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken ct);
}
