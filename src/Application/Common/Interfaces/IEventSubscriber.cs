namespace Multica.Application.Common.Interfaces;

/// <summary>Observers of published events (the WebSocket hub, tests, listeners).</summary>
public interface IEventSubscriber
{
    IDisposable Subscribe(Action<RealtimeEvent> handler);
}
