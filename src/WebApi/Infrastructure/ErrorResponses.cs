using System.Text.Json;

namespace Multica.WebApi.Infrastructure;

public static class ErrorResponses
{
    /// <summary>Writes {"error": message} with the given status (plus "\n" where upstream's writer adds one).</summary>
    public static Task WriteAsync(HttpContext context, int status, string message, bool trailingNewline = false)
    {
        if (context.Response.HasStarted)
            return Task.CompletedTask;
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.Serialize(new OpenApi.ErrorBody(message), JsonDefaults.Options);
        return context.Response.WriteAsync(trailingNewline ? body + "\n" : body);
    }
}
