using Microsoft.Extensions.Logging;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.PendingRequests;

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
            throw new InternalErrorException(message);
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
