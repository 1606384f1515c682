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
        var payload = evt.Payload as JsonElement?
            ?? JsonSerializer.SerializeToElement(evt.Payload, evt.Payload.GetType(), wire.Value.JsonSerializerOptions);
        relay.Publish(RedisRelay.EventsChannel,
            new RelayedEvent(evt.Type, payload, evt.WorkspaceId, evt.ActorType, evt.ActorId, evt.UserId));
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
