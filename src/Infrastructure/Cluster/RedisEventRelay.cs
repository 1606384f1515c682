using System.Buffers;
using System.Text.Json;
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
        relay.PublishJson(RedisRelay.EventsChannel, Body(evt));
    }

    /// <summary>
    /// The relayed event as the other nodes read it (<see cref="RelayedEvent"/> in the relay's snake_case JSON), written
    /// in one pass: the payload is serialised straight into it with the wire options, once.
    /// </summary>
    private byte[] Body(RealtimeEvent evt)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, evt.Type);
            writer.WritePropertyName("payload"u8);
            if (evt.Payload is JsonElement element)
                element.WriteTo(writer);
            else
                JsonSerializer.Serialize(writer, evt.Payload, evt.Payload.GetType(), wire.Value.JsonSerializerOptions);
            if (evt.WorkspaceId is { } workspace)
                writer.WriteString("workspace_id"u8, workspace);
            if (evt.ActorType is { } actorType)
                writer.WriteString("actor_type"u8, actorType);
            if (evt.ActorId is { } actor)
                writer.WriteString("actor_id"u8, actor);
            if (evt.UserId is { } user)
                writer.WriteString("user_id"u8, user);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        relay.Subscribe<RelayedEvent>(RedisRelay.EventsChannel, e =>
            local.Publish(new RealtimeEvent(e.Type, e.Payload, e.WorkspaceId, e.ActorType, e.ActorId, e.UserId) { FromOtherNode = true }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record RelayedEvent(string Type, JsonElement Payload, Guid? WorkspaceId, string? ActorType, Guid? ActorId, Guid? UserId);
}
