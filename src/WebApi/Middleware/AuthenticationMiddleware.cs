using Multica.Application.Common.Security;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Middleware;

/// <summary>
/// Resolves the caller by route family, as upstream's middlewares do:
/// /api/daemon/* → daemon auth (Authorization header only: mdt_, mul_, JWT);
/// other /api/* and /uploads/* (stored files) → user auth (Bearer or the multica_auth cookie with CSRF; mat_, mul_, JWT);
/// /auth/*, /api/config, health and /ws (which authenticates itself) → no auth here.
/// The result lives in the typed <see cref="ICallerContext"/>; identity headers are never trusted.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, Authenticator authenticator, IJwtService jwt)
{
    public const string AuthCookie = "multica_auth";
    public const string CsrfCookie = "multica_csrf";

    public async Task InvokeAsync(HttpContext context, ICallerContext callerContext)
    {
        var request = context.Request;
        callerContext.Client = new ClientInfo(
            NonEmpty(request.Headers["X-Client-Platform"]), NonEmpty(request.Headers["X-Client-Version"]),
            NonEmpty(request.Headers["X-Client-OS"]), NonEmpty(request.Headers["X-Client-Capabilities"]));

        var path = request.Path;
        if (path.StartsWithSegments("/api/daemon"))
        {
            var outcome = await authenticator.AuthenticateDaemonAsync(request.Headers.Authorization.ToString(), context.RequestAborted);
            if (outcome.Caller is null)
            {
                await ErrorResponses.WriteAsync(context, 401, outcome.Error!);
                return;
            }
            callerContext.Caller = outcome.Caller;
        }
        else if ((path.StartsWithSegments("/api") && !IsPublicApi(path)) || path.StartsWithSegments("/uploads"))
        {
            if (!await AuthenticateUserAsync(context, callerContext))
                return;
        }

        await next(context);
    }

    private async Task<bool> AuthenticateUserAsync(HttpContext context, ICallerContext callerContext)
    {
        var request = context.Request;
        var header = request.Headers.Authorization.ToString();
        string? token = null;
        var fromCookie = false;
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
            token = header["Bearer ".Length..];
        else if (request.Cookies.TryGetValue(AuthCookie, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            token = cookie;
            fromCookie = true;
        }

        if (string.IsNullOrEmpty(token))
        {
            await ErrorResponses.WriteAsync(context, 401, "missing authorization", trailingNewline: true);
            return false;
        }
        if (fromCookie && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) &&
            !HttpMethods.IsOptions(request.Method) && !jwt.ValidateCsrfToken(token, request.Headers["X-CSRF-Token"]))
        {
            await ErrorResponses.WriteAsync(context, 403, "CSRF validation failed", trailingNewline: true);
            return false;
        }

        var outcome = await authenticator.AuthenticateUserAsync(token, context.RequestAborted);
        if (outcome.Caller is null)
        {
            await ErrorResponses.WriteAsync(context, 401, outcome.Error!, trailingNewline: true);
            return false;
        }
        callerContext.Caller = outcome.Caller;
        return true;
    }

    private static bool IsPublicApi(PathString path) => path.StartsWithSegments("/api/config");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
