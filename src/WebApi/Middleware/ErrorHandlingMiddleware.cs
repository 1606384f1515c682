using Microsoft.AspNetCore.Http.Features;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Middleware;

/// <summary>The one place failures become status codes: typed errors keep their message, anything else is "internal error".</summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger, IStorageOutage outage)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (AppException ex)
        {
            // An expected answer (404, 409, …): one information line, no stack trace (docs/operations.md).
            logger.LogInformation("{Method} {Path} answered {Status}: {Error}", context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message);
            await ErrorResponses.WriteAsync(context, ex.StatusCode, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            var status = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
            await ErrorResponses.WriteAsync(context, status, status == 413 ? "request body too large" : "invalid request body");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Client went away; nothing to answer.
        }
        catch (Exception ex) when (outage.IsOutage(ex))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorMessages.DatabaseUnavailable);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            await ErrorResponses.WriteAsync(context, 500, ErrorMessages.InternalError);
        }
    }
}
