using Multica.Domain.Entities;

namespace Multica.Application.PendingRequests;

/// <summary>
/// Heartbeat-delivered requests (docs/pending-requests.md): the heartbeat handler asks this for the extra
/// response keys (pending_update, pending_model_list, pending_local_skills, pending_local_skill_import)
/// of one runtime. Claiming must be exactly-once per request.
/// </summary>
public interface IHeartbeatPendingWork
{
    Task<IReadOnlyDictionary<string, object>> CollectAsync(AgentRuntime runtime, CancellationToken ct);
}
