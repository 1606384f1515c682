using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.Realtime;

/// <summary>
/// Single-node event bus: publishes synchronously to in-process subscribers (WebSocket hub, listeners,
/// tests). A subscriber that throws is logged and does not affect the publisher or the others.
/// </summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventPublisher, IEventSubscriber
{
    private ImmutableList<Action<RealtimeEvent>> _handlers = ImmutableList<Action<RealtimeEvent>>.Empty;

    public void Publish(RealtimeEvent evt)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(evt);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "event subscriber failed for {EventType}", evt.Type);
            }
        }
    }

    public IDisposable Subscribe(Action<RealtimeEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                dispose();
        }
    }
}
