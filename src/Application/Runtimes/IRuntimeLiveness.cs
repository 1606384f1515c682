namespace Multica.Application.Runtimes;

/// <summary>The outcome of a heartbeat's liveness update: Found = false means the row is gone.</summary>
public sealed record RuntimeTouch(bool Found, bool WasOffline);

/// <summary>
/// The heartbeat's liveness update, shared by the HTTP heartbeat and the WebSocket heartbeat:
/// status = online, last_seen_at = now, updated_at = now. The first heartbeat of a runtime on a node
/// writes at once (so "found" and "was offline" are exact); later ones are coalesced into a batched
/// flush about every second (docs/daemon-protocol.md, "Coalesced heartbeats").
/// </summary>
public interface IRuntimeLiveness
{
    Task<RuntimeTouch> TouchAsync(Guid runtimeId, DateTime now, CancellationToken ct);

    /// <summary>
    /// This node has just committed the runtime's row online (a registration): its heartbeats are coalesced
    /// from the first one, as after a heartbeat's own write.
    /// </summary>
    void Confirm(Guid runtimeId);

    /// <summary>Writes every buffered heartbeat now (the periodic flush, and the sweeper before it judges staleness).</summary>
    Task FlushAsync(CancellationToken ct);

    /// <summary>
    /// Forgets that these runtimes are online (marked offline or deleted): their next heartbeat writes at
    /// once again, and a buffered one is dropped.
    /// </summary>
    void Forget(IEnumerable<Guid> runtimeIds);
}
