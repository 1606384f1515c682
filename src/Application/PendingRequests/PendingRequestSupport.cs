using Microsoft.Extensions.Logging;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.PendingRequests;

/// <summary>503 — the runtime cannot take the request now.</summary>
public sealed class ServiceUnavailableException(string message) : AppException(503, message);

/// <summary>500 with a specific upstream message (the daemon retries 5xx result reports).</summary>
public sealed class StoreFailureException(string message) : AppException(500, message);

/// <summary>
/// A body decoded by the controller but judged by the handler, so that the spec's check order
/// (runtime → request lookup → body) holds: an invalid body is a 400 only once the earlier checks passed.
/// </summary>
public sealed record DeferredBody<T>(T? Value, bool IsValid) where T : class
{
    public static DeferredBody<T> Invalid { get; } = new(null, false);

    public T Require() => IsValid && Value is not null ? Value : throw new BadRequestException(ErrorMessages.InvalidRequestBody);
}

/// <summary>The user-side runtime checks of pending-requests.md §2.5 (404 "runtime not found", never 403, for non-members).</summary>
public sealed class RuntimeUserAccess(ICallerContext callerContext, IAccessRepository access)
{
    public const string InsufficientPermissions = ErrorMessages.InsufficientPermissions;
    public const string RuntimeOffline = "runtime is offline";

    public async Task<AgentRuntime> RequireMemberAsync(string runtimeId, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        var userId = callerContext.RequireUserId();
        var runtime = Guid.TryParse(runtimeId, out var id) ? await access.FindRuntimeAsync(id, ct) : null;
        if (runtime is null || (caller.IsTaskToken && caller.TokenWorkspaceId != runtime.WorkspaceId))
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        if (await access.FindMembershipAsync(userId, runtime.WorkspaceId, ct) is null)
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        return runtime;
    }

    /// <summary>Member check, then the runtime's owner only (a runtime without owner passes nobody).</summary>
    public async Task<AgentRuntime> RequireOwnerAsync(string runtimeId, CancellationToken ct)
    {
        var runtime = await RequireMemberAsync(runtimeId, ct);
        if (runtime.OwnerId is null || runtime.OwnerId != callerContext.RequireUserId())
            throw new ForbiddenException(InsufficientPermissions);
        return runtime;
    }

    public static void RequireOnline(AgentRuntime runtime)
    {
        if (runtime.Status != RuntimeStatus.Online)
            throw new ServiceUnavailableException(RuntimeOffline);
    }
}

public static class StoreCalls
{
    /// <summary>Runs a store operation, turning an infrastructure failure into a 500 with the given message (details only in the log).</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, string message, ILogger logger)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not AppException and not OperationCanceledException)
        {
            logger.LogWarning(ex, "pending-request store failed: {Message}", message);
            throw new StoreFailureException(message);
        }
    }

    /// <summary>Guarded load of a request that must belong to the runtime; a missing one or another runtime's is 404.</summary>
    public static async Task<T> RequireOfRuntimeAsync<T>(IPendingRequestStore<T> store, string requestId, Guid runtimeId, ILogger logger,
        CancellationToken ct) where T : PendingRequest
    {
        var request = await GuardAsync(() => store.GetAsync(requestId, ct), PendingRequestErrors.FailedToLoadRequest, logger);
        if (request is null || request.RuntimeId != runtimeId.ToString())
            throw new NotFoundException(PendingRequestErrors.RequestNotFound);
        return request;
    }
}
