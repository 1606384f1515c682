using Multica.Application.Common;
using System.Text.Json;
using Multica.WebApi.Input;
using Multica.Application.PendingRequests;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// Reads a body with the lenient decoder but leaves the verdict to the handler, for routes whose
/// documented check order puts access (and look-ups) before "invalid request body".
/// </summary>
public static class DeferredBodyReader
{
    /// <param name="emptyIsValid">An empty body decodes as {} (routes whose body is optional).</param>
    /// <param name="maxBytes">A larger body is invalid (read no further than that).</param>
    public static async Task<DeferredBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct, bool emptyIsValid = false, int? maxBytes = null)
        where T : class
    {
        using var body = await RequestBodyBytes.ReadAsync(request, ct, maxBytes);
        if (body.TooLarge)
            return DeferredBody<T>.Invalid;
        var bytes = body.Bytes;
        if (emptyIsValid && bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            bytes = "{}"u8.ToArray();
        try
        {
            var value = LenientJsonInputFormatter.DeserializeFirstValue(bytes, typeof(T), TextPolicy.ModeFor(request)) as T;
            return value is null ? DeferredBody<T>.Invalid : new DeferredBody<T>(value, true);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return DeferredBody<T>.Invalid;
        }
    }
}
