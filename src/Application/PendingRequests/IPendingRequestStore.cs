namespace Multica.Application.PendingRequests;

public enum FinishResult
{
    Updated,
    NotFound,
    /// <summary>Already completed/failed/timed out (possibly by this very call's timeout check): stale report, nothing changed.</summary>
    AlreadyTerminal,
}

public sealed record FinishOutcome<T>(FinishResult Result, T? Request) where T : PendingRequest;

/// <summary>
/// One request kind's mailbox. In memory on a single node, in Redis when configured, so a request
/// created on one node can be claimed by a heartbeat on another and polled on a third.
/// Every operation applies the kind's timeouts first.
/// </summary>
public interface IPendingRequestStore<T> where T : PendingRequest
{
    PendingRequestPolicy Policy { get; }

    /// <summary>Stores a new pending request; false when the policy allows one active request per runtime and one exists.</summary>
    Task<bool> TryCreateAsync(T request, CancellationToken ct);

    Task<T?> GetAsync(string id, CancellationToken ct);

    /// <summary>Read-only probe: is a live pending request waiting for the runtime? May rarely say true wrongly, never false wrongly.</summary>
    Task<bool> HasPendingAsync(string runtimeId, CancellationToken ct);

    /// <summary>Moves the runtime's oldest live pending request to running and returns it; exactly one caller wins each request.</summary>
    Task<T?> ClaimNextAsync(string runtimeId, CancellationToken ct);

    /// <summary>Applies a result report unless the request is terminal (check-and-set: a concurrent timeout wins cleanly).</summary>
    Task<FinishOutcome<T>> FinishAsync(string id, Func<T, T> change, CancellationToken ct);
}
