using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Interfaces;
using Multica.Infrastructure.Realtime;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// <see cref="IEventPublisher"/> for several nodes: an event goes to this node's subscribers at once (the
/// <see cref="InProcessEventBus"/>, as on one node) and through <see cref="RedisRelay"/> to every other
/// node, which hands it to its own bus; each node's hub then delivers only to its own sockets. The payload
/// travels as the wire JSON the web app receives, so a relayed frame is byte-for-byte the local one.
/// </summary>
public sealed class RedisEventRelay(InProcessEventBus local, RedisRelay relay, IOptions<JsonOptions> wire)
    : IEventPublisher, IHostedService
{
    public void Publish(RealtimeEvent evt)
    {
        local.Publish(evt);
        // The payload is written straight into the relayed message with the wire options: serialised once.
        relay.Publish(RedisRelay.EventsChannel, new RelayedEvent<WirePayload>(evt.Type,
            new WirePayload(evt.Payload, wire.Value.JsonSerializerOptions), evt.WorkspaceId, evt.ActorType, evt.ActorId, evt.UserId));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        relay.Subscribe<RelayedEvent<JsonElement>>(RedisRelay.EventsChannel, e =>
            local.Publish(new RealtimeEvent(e.Type, e.Payload, e.WorkspaceId, e.ActorType, e.ActorId, e.UserId) { FromOtherNode = true }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The relayed event: sent with the payload as an object, read with it as the JSON it was written as.</summary>
    private sealed record RelayedEvent<TPayload>(string Type, TPayload Payload, Guid? WorkspaceId, string? ActorType, Guid? ActorId, Guid? UserId);

    /// <summary>A payload to write with the web app's JSON options inside the relay's own JSON.</summary>
    [JsonConverter(typeof(WirePayloadConverter))]
    private sealed record WirePayload(object Value, JsonSerializerOptions Options);

    private sealed class WirePayloadConverter : JsonConverter<WirePayload>
    {
        public override WirePayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a relayed payload is read as a JsonElement");

        public override void Write(Utf8JsonWriter writer, WirePayload value, JsonSerializerOptions options)
        {
            if (value.Value is JsonElement element)
                element.WriteTo(writer);
            else
                JsonSerializer.Serialize(writer, value.Value, value.Value.GetType(), value.Options);
        }
    }
}
