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

    /// <summary>
    /// What the claim response carries besides the rows, for the whole batch at once: each task's context, its
    /// agent, and the agents' skills (by name) with their files (by path; a skill without files has one row
    /// with a null file).
    /// </summary>
    Task<ClaimDetails> LoadClaimDetailsAsync(IReadOnlyCollection<Guid> taskIds, IReadOnlyCollection<Guid> agentIds, CancellationToken ct);
}

public sealed record ClaimDetails(IReadOnlyList<ClaimContext> Contexts, IReadOnlyList<Agent> Agents, IReadOnlyList<AgentSkillFile> Skills);
