using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Observability;
using Multica.Application.Notifications;

namespace Multica.Infrastructure.Background;

/// <summary>
/// Feeds published issue and comment events to <see cref="IssueEventReactions"/> off the request path (a request
/// never waits for, or fails because of, its followers' inbox items). Events are spread over <see cref="Lanes"/>
/// consumers by their issue: one issue's events keep their publish order, while reactions to different issues run
/// side by side instead of queueing behind each other (with one consumer they fell behind under load;
/// docs/benchmarks.md, seventh stop). A lane reacts to all the events it has queued (up to <see cref="MaxBatch"/>) in
/// one transaction (<see cref="ReactAsync"/>). <c>multica_issue_reactions_queued</c> counts the events waiting or under way.
/// </summary>
public sealed class IssueEventListener(IEventSubscriber subscriber, IServiceScopeFactory scopes, ILogger<IssueEventListener> logger)
    : BackgroundService
{
    /// <summary>Consumers; each holds at most one database connection while it reacts.</summary>
    public const int Lanes = 4;

    private readonly Channel<RealtimeEvent>[] _lanes = Enumerable.Range(0, Lanes)
        .Select(_ => Channel.CreateUnbounded<RealtimeEvent>(new UnboundedChannelOptions { SingleReader = true }))
        .ToArray();
    private IDisposable? _subscription;

    /// <summary>The lane of an event: the same for every event of one issue (events without one share lane 0).</summary>
    public static int LaneOf(Guid? issueId) => issueId is { } id ? (int)((uint)id.GetHashCode() % Lanes) : 0;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = subscriber.Subscribe(e =>
        {
            if (!e.FromOtherNode && IssueEventReactions.Handles(e.Type) && _lanes[LaneOf(IssueEventFacts.IssueIdOf(e))].Writer.TryWrite(e))
                MulticaMetrics.IssueReactionsQueued.Add(1);
        });
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Select(lane => Task.Run(() => ConsumeAsync(lane.Reader, stoppingToken), CancellationToken.None)));

    /// <summary>The most events one lane reacts to in one transaction.</summary>
    public const int MaxBatch = 64;

    private async Task ConsumeAsync(ChannelReader<RealtimeEvent> lane, CancellationToken stoppingToken)
    {
        var batch = new List<RealtimeEvent>(MaxBatch);
        try
        {
            while (await lane.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && lane.TryRead(out var evt))
                    batch.Add(evt);
                try
                {
                    await ReactAsync(batch, scopes, logger, stoppingToken);
                }
                finally
                {
                    MulticaMetrics.IssueReactionsQueued.Add(-batch.Count);
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Reacts to the events a lane had queued, in their order: all in one transaction (one lock, one write and one
    /// commit for them; with it the reactions keep up with issue creation, docs/benchmarks.md, seventeenth stop). When that
    /// fails, it reacts to each event alone, so an event that cannot be reacted to (its issue deleted meanwhile) costs
    /// only its own reaction, which is logged.
    /// </summary>
    public static async Task ReactAsync(IReadOnlyList<RealtimeEvent> batch, IServiceScopeFactory scopes, ILogger logger,
        CancellationToken ct)
    {
        if (batch.Count > 1)
        {
            try
            {
                await InOneTransactionAsync(batch);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "reaction to {Count} events together failed; reacting to each alone", batch.Count);
            }
        }
        foreach (var evt in batch)
        {
            try
            {
                await InOneTransactionAsync([evt]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "reaction to {EventType} failed", evt.Type);
            }
        }

        async Task InOneTransactionAsync(IReadOnlyList<RealtimeEvent> events)
        {
            await using var scope = scopes.CreateAsyncScope();
            MulticaMetrics.IssueReactionBatchSize.Record(events.Count);
            await scope.ServiceProvider.GetRequiredService<IssueEventReactions>().HandleAsync(events, ct);
        }
    }
}
