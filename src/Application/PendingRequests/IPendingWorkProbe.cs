namespace Multica.Application.PendingRequests;

/// <summary>
/// One read-only probe for every heartbeat-delivered kind at once (one Redis command instead of one per
/// kind). Answers the kinds (<see cref="PendingRequestPolicy.Kind"/>) that may hold a live pending request
/// for the runtime: may rarely name a kind wrongly, never leaves out one that has work. Reads the shared
/// store on every call, so a request created on any node is seen by the next heartbeat on any other.
/// Optional: without it each store is probed on its own.
/// </summary>
public interface IPendingWorkProbe
{
    Task<IReadOnlyCollection<string>> KindsWithPendingAsync(string runtimeId, CancellationToken ct);
}
