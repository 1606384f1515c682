namespace Multica.Application.PendingRequests;

/// <summary>
/// Timing rules of one request kind (docs/pending-requests.md). Timeouts are evaluated lazily: on read,
/// on probe and on claim, so a stale request is never handed to a daemon.
/// </summary>
public sealed record PendingRequestPolicy
{
    /// <summary>Key segment and the advisory kind of daemon:pending_work.</summary>
    public required string Kind { get; init; }
    public required string PushKind { get; init; }
    /// <summary>How long a record is kept after its creation (memory) or its last write (Redis TTL).</summary>
    public required TimeSpan Retention { get; init; }
    public required TimeSpan PendingTimeout { get; init; }
    public required string PendingTimeoutError { get; init; }
    public required TimeSpan RunningTimeout { get; init; }
    public required string RunningTimeoutError { get; init; }
    /// <summary>Update requests time out 120 s after creation whatever their state; the others count running time from the claim.</summary>
    public bool RunningTimeoutFromCreation { get; init; }
    /// <summary>At most one pending/running request per runtime (CLI updates).</summary>
    public bool OneActivePerRuntime { get; init; }

    public static readonly PendingRequestPolicy RuntimeUpdate = new()
    {
        Kind = "runtime_update",
        PushKind = "update",
        Retention = TimeSpan.FromMinutes(5),
        PendingTimeout = TimeSpan.FromSeconds(120),
        PendingTimeoutError = "update did not complete within 120 seconds",
        RunningTimeout = TimeSpan.FromSeconds(120),
        RunningTimeoutError = "update did not complete within 120 seconds",
        RunningTimeoutFromCreation = true,
        OneActivePerRuntime = true,
    };

    public static readonly PendingRequestPolicy ModelList = new()
    {
        Kind = "model_list",
        PushKind = "model_list",
        Retention = TimeSpan.FromMinutes(2),
        PendingTimeout = TimeSpan.FromSeconds(30),
        PendingTimeoutError = "daemon did not respond within 30 seconds",
        RunningTimeout = TimeSpan.FromSeconds(60),
        RunningTimeoutError = "daemon did not finish within 60 seconds",
    };

    public static readonly PendingRequestPolicy LocalSkillList = ModelList with { Kind = "local_skill:list", PushKind = "local_skills" };

    public static readonly PendingRequestPolicy LocalSkillImport = ModelList with { Kind = "local_skill:import", PushKind = "local_skill_import" };

    /// <summary>The timed-out copy of <paramref name="request"/>, or null when it is not (yet) timed out.</summary>
    public T? ApplyTimeout<T>(T request, DateTime now) where T : PendingRequest
    {
        if (request.Status == PendingStatus.Pending && now - request.CreatedAt > PendingTimeout)
            return (T)(request with { Status = PendingStatus.Timeout, Error = PendingTimeoutError, UpdatedAt = now });
        if (request.Status == PendingStatus.Running)
        {
            var since = RunningTimeoutFromCreation ? request.CreatedAt : request.RunStartedAt;
            if (since is { } start && now - start > RunningTimeout)
                return (T)(request with { Status = PendingStatus.Timeout, Error = RunningTimeoutError, UpdatedAt = now });
        }
        return null;
    }

    /// <summary>The claimed copy handed to a heartbeat.</summary>
    public static T Claimed<T>(T request, DateTime now) where T : PendingRequest =>
        (T)(request with { Status = PendingStatus.Running, RunStartedAt = now, UpdatedAt = now });
}
