using Multica.Domain.Entities;

namespace Multica.Application.PendingRequests;

/// <summary>
/// Heartbeat-delivered requests (pending-requests.md): the heartbeat handler asks this for the extra
/// response keys (pending_update, pending_model_list, pending_local_skills, pending_local_skill_import)
/// of one runtime. Claiming must be exactly-once per request.
/// </summary>
public interface IHeartbeatPendingWork
{
    Task<IReadOnlyDictionary<string, object>> CollectAsync(AgentRuntime runtime, CancellationToken ct);
}

/// <summary>Until the pending-request stores are registered: nothing is ever pending.</summary>
public sealed class NoHeartbeatPendingWork : IHeartbeatPendingWork
{
    private static readonly IReadOnlyDictionary<string, object> Empty = new Dictionary<string, object>();
    public Task<IReadOnlyDictionary<string, object>> CollectAsync(AgentRuntime runtime, CancellationToken ct) => Task.FromResult(Empty);
}
