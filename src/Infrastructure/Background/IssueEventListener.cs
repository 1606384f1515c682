using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;
using Multica.Application.Notifications;

namespace Multica.Infrastructure.Background;

/// <summary>
/// Feeds published issue and comment events to <see cref="IssueEventReactions"/> one at a time, in publish order,
/// off the request path (a request never waits for, or fails because of, its followers' inbox items).
/// </summary>
public sealed class IssueEventListener(IEventSubscriber subscriber, IServiceScopeFactory scopes, ILogger<IssueEventListener> logger)
    : BackgroundService
{
    private readonly Channel<RealtimeEvent> _queue = Channel.CreateUnbounded<RealtimeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private IDisposable? _subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = subscriber.Subscribe(e =>
        {
            if (!e.FromOtherNode && IssueEventReactions.Handles(e.Type))
                _queue.Writer.TryWrite(e);
        });
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var evt in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IssueEventReactions>().HandleAsync(evt, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "reaction to {EventType} failed", evt.Type);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
