using System.Text.Json.Serialization;

namespace Multica.WebApi.Realtime.Frames;

/// <summary>The answer to a subscribe / unsubscribe frame: {type, payload: {scope, id, error (on refusals)}}.</summary>
public sealed record SubscriptionReplyFrame(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payload")] SubscriptionReplyPayload Payload);

/// <summary>The payload of <see cref="SubscriptionReplyFrame"/>: scope and id as sent ("" when missing).</summary>
public sealed record SubscriptionReplyPayload(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
