using System.Text.Json;

namespace Multica.WebApi.Infrastructure;

public static class ErrorResponses
{
    /// <summary>Writes {"error": message} with the given status.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
            return Task.CompletedTask;
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }));
    }
}
