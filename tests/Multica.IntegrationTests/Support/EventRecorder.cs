using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Multica.Application.Common.Interfaces;

namespace Multica.IntegrationTests.Support;

public sealed class EventRecorder
{
    private readonly ConcurrentQueue<RealtimeEvent> _events = new();

    public void Add(RealtimeEvent evt) => _events.Enqueue(evt);

    public IReadOnlyList<RealtimeEvent> OfType(string type) => _events.Where(e => e.Type == type).ToList();

    public IReadOnlyList<RealtimeEvent> ForWorkspace(Guid workspaceId) => _events.Where(e => e.WorkspaceId == workspaceId).ToList();
}

internal sealed class EventRecorderHost(EventRecorder recorder, IEventSubscriber subscriber) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = subscriber.Subscribe(e =>
        {
            if (!e.FromOtherNode)
                recorder.Add(e);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
