using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Errors;

namespace Multica.Application.Common.Behaviours;

/// <summary>Outermost: anything unexpected is logged with its detail and leaves as a bare "internal error".</summary>
public sealed class UnhandledExceptionBehaviour<TMessage, TResponse>(ILogger<UnhandledExceptionBehaviour<TMessage, TResponse>> logger,
    Interfaces.IStorageOutage outage)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (AppException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (outage.IsOutage(ex))
        {
            throw new ServiceUnavailableException(ErrorMessages.DatabaseUnavailable);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception in {Request}", typeof(TMessage).Name);
            throw new InternalErrorException();
        }
    }
}
