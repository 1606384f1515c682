using Multica.Application.DaemonProtocol.Sweeper.SweepStaleWork;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Multica.Infrastructure.Background;

/// <summary>Runs the stale-work sweep every Sweeper:IntervalSeconds (first tick one interval after start).</summary>
public sealed class SweeperService(IServiceScopeFactory scopes, IOptions<SweepOptions> options, TimeProvider time,
    ILogger<SweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)), time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepStaleWorkCommand(), stoppingToken);
                if (result != new SweepResult(0, 0, 0, 0))
                    logger.LogInformation("sweep: {Result}", result);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "sweep failed");
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
