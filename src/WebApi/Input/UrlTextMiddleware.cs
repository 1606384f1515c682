using Multica.Application.Common.Errors;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Input;

/// <summary>
/// <see cref="TextPolicy"/> for the path and the query string: a NUL character (<c>%00</c>) or a lone surrogate
/// anywhere in them answers 400 before routing, so no route value or query parameter carries one into a query.
/// </summary>
public sealed class UrlTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (TextPolicy.IsUnstorable(request.Path.Value) || QueryIsUnstorable(request))
            return ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorMessages.InvalidRequest);
        return next(context);
    }

    private static bool QueryIsUnstorable(HttpRequest request)
    {
        if (!request.QueryString.HasValue)
            return false;
        foreach (var (key, values) in request.Query)
        {
            if (TextPolicy.IsUnstorable(key))
                return true;
            foreach (var value in values)
                if (TextPolicy.IsUnstorable(value))
                    return true;
        }
        return false;
    }
}
