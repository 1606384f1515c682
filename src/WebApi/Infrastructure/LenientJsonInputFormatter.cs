using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Formatters;
using Multica.WebApi.Input;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// Reads request bodies the way upstream's decoder does: only the first JSON value (trailing bytes
/// ignored), field names case-insensitive, unknown fields ignored, any content type. A literal null
/// decodes to an all-defaults object; empty or malformed bodies and wrong types fail (400).
/// </summary>
public sealed class LenientJsonInputFormatter : InputFormatter
{
    public LenientJsonInputFormatter()
    {
        SupportedMediaTypes.Add("application/json");
    }

    public override bool CanRead(InputFormatterContext context) => true;

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        using var body = await RequestBodyBytes.ReadAsync(context.HttpContext.Request, context.HttpContext.RequestAborted);
        try
        {
            var model = DeserializeFirstValue(body.Bytes, context.ModelType, TextPolicy.ModeFor(context.HttpContext.Request));
            return await InputFormatterResult.SuccessAsync(model);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            context.ModelState.TryAddModelError(context.ModelName, "invalid request body");
            return await InputFormatterResult.FailureAsync();
        }
    }

    /// <summary>Decodes the first JSON value after applying <see cref="TextPolicy"/> to its strings.</summary>
    public static object? DeserializeFirstValue(ReadOnlyMemory<byte> raw, Type type, UnstorableText text)
    {
        var body = TextPolicy.Apply(raw, text).Span;
        FieldLimits.Current.Check(body);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read())
            throw new JsonException("empty body");
        if (reader.TokenType == JsonTokenType.Null)
            return JsonSerializer.Deserialize("{}", type, JsonDefaults.Options);
        return JsonSerializer.Deserialize(ref reader, type, JsonDefaults.Options);
    }
}
