namespace Multica.WebApi.Middleware;

/// <summary>
/// Unknown /api/daemon/* routes — including a known path with the wrong method — answer
/// 404 "404 page not found", never 405: newer daemons fall back to older routes on exactly that.
/// Runs after routing, before authentication.
/// </summary>
public sealed class DaemonRouteFallbackMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api/daemon") && !context.WebSockets.IsWebSocketRequest)
        {
            var endpoint = context.GetEndpoint();
            if (endpoint is null || endpoint.DisplayName == "405 HTTP Method Not Supported")
            {
                context.Response.StatusCode = 404;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("404 page not found\n");
                return;
            }
        }
        await next(context);
    }
}
