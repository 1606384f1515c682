using Multica.Application.Common.Errors;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Middleware;

/// <summary>
/// Unknown /api/daemon/* routes — including a known path with the wrong method — answer
/// 404 "404 page not found", never 405: newer daemons fall back to older routes on exactly that.
/// Elsewhere a known path with the wrong method answers 405, and a path no route knows answers 404
/// <c>{"error":"not found"}</c> once authentication let it through — both with a JSON error body, like every
/// other error (the routing layer's own 404 and 405 have no body). Runs after routing, before authentication.
/// </summary>
public sealed class DaemonRouteFallbackMiddleware(RequestDelegate next)
{
    /// <summary>The display name of the endpoint routing selects when the path matches but the method does not.</summary>
    private const string MethodNotSupported = "405 HTTP Method Not Supported";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api/daemon") && !context.WebSockets.IsWebSocketRequest)
        {
            var endpoint = context.GetEndpoint();
            if (endpoint is null || endpoint.DisplayName == MethodNotSupported)
            {
                context.Response.StatusCode = 404;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("404 page not found\n");
                return;
            }
        }
        else if (context.GetEndpoint()?.DisplayName == MethodNotSupported)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorMessages.MethodNotAllowed);
            return;
        }
        else if (context.GetEndpoint() is null)
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status404NotFound)
                await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, ErrorMessages.NotFound);
            return;
        }
        await next(context);
    }
}
