using System.Text.Json.Serialization;
using Multica.Application.Common.Interfaces;

namespace Multica.WebApi.Realtime.Frames;

/// <summary>An event as a web client receives it on /ws: {type, payload, actor_id ("" without actor)}.</summary>
public sealed record RealtimeEventFrame(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payload")] object Payload,
    [property: JsonPropertyName("actor_id")] string ActorId)
{
    public static RealtimeEventFrame Of(RealtimeEvent evt) => new(evt.Type, evt.Payload, evt.ActorId?.ToString() ?? "");
}
