using System.Text.Json;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// For routes where upstream checks access before it looks at the body (complete, fail, usage, session):
/// the body is decoded here without failing the request, and the command carries whether it was valid,
/// so the pipeline can answer 404 for a foreign task before 400 for a bad body.
/// </summary>
public static class DeferredBody
{
    public static async Task<(T Body, bool Valid)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class, new()
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        try
        {
            return LenientJsonInputFormatter.DeserializeFirstValue(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeof(T)) is T body
                ? (body, true)
                : (new T(), false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return (new T(), false);
        }
    }
}
