using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// State shared by the tasks finished together (a bulk cancel, a sweep): per-issue bookkeeping, cached
/// issue look-ups, and, for a batch, the agents reconciled once at the end instead of once per task.
/// </summary>
public sealed class FinishBatch(bool reconcileAtEnd)
{
    public bool ReconcileAtEnd { get; } = reconcileAtEnd;
    public int Retries { get; set; }
    public HashSet<Guid> RetriedIssues { get; } = [];
    public HashSet<Guid> ResetIssues { get; } = [];
    public List<Guid> AgentsToReconcile { get; } = [];
    public Dictionary<Guid, Issue?> Issues { get; } = [];
}
