namespace Multica.Application.Runtimes;

/// <summary>The outcome of a heartbeat's liveness update: null runtime = the row is gone.</summary>
public sealed record RuntimeTouch(bool Found, bool WasOffline);

/// <summary>
/// The heartbeat's database write, shared by the HTTP heartbeat and the WebSocket heartbeat:
/// status = online, last_seen_at = now, updated_at = now, in one statement.
/// </summary>
public interface IRuntimeLiveness
{
    Task<RuntimeTouch> TouchAsync(Guid runtimeId, DateTime now, CancellationToken ct);
}
