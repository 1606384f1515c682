using System.Text.Json;
using Multica.Application.PendingRequests;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// Reads a body with the lenient decoder but leaves the verdict to the handler, for routes whose
/// spec'd check order puts access (and look-ups) before "invalid request body".
/// </summary>
public static class DeferredBodyReader
{
    public static async Task<DeferredBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        try
        {
            var value = LenientJsonInputFormatter.DeserializeFirstValue(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeof(T)) as T;
            return value is null ? DeferredBody<T>.Invalid : new DeferredBody<T>(value, true);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return DeferredBody<T>.Invalid;
        }
    }
}
