namespace Multica.Application.DaemonSocket;

/// <summary>The body of a batch claim (POST /api/daemon/tasks/claim, and the tasks.claim RPC).</summary>
public sealed record BatchClaimRequest(string? DaemonId, IReadOnlyList<string>? RuntimeIds, int MaxTasks);

/// <summary>
/// Seam for the tasks.claim RPC over the daemon WebSocket (daemon-api-newest.md §6.4). It is resolved in
/// a DI scope whose <see cref="Common.Security.ICallerContext"/> carries the socket's identity, so an
/// implementation simply sends the HTTP batch-claim command through the mediator.
/// </summary>
public interface IBatchTaskClaimer
{
    /// <summary>Whether heartbeat acks advertise rpc-v1. A server that does not advertise it is never sent RPCs.</summary>
    bool IsAvailable { get; }

    /// <summary>The 200 body of the HTTP batch claim ({"tasks": [...]}); failures throw the same AppException the HTTP route would answer.</summary>
    Task<object> ClaimAsync(BatchClaimRequest request, CancellationToken ct);
}

/// <summary>Until the batch claim is wired: rpc-v1 is not advertised, so daemons claim over HTTP.</summary>
public sealed class NoBatchTaskClaimer : IBatchTaskClaimer
{
    public bool IsAvailable => false;

    public Task<object> ClaimAsync(BatchClaimRequest request, CancellationToken ct) =>
        Task.FromResult<object>(new { tasks = Array.Empty<object>() });
}
