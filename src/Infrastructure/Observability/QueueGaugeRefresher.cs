using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Observability;
using Multica.Domain.Constants;
using Multica.Domain.Tasks;
using Multica.Infrastructure.Persistence;
using Multica.Infrastructure.Persistence.Tasks;

namespace Multica.Infrastructure.Observability;

/// <summary>
/// Refreshes <see cref="QueueGauges"/> every Observability:GaugeRefreshSeconds with one query over the partial
/// indexes of unfinished tasks and the runtime table. A failed refresh keeps the previous snapshot.
/// </summary>
public sealed class QueueGaugeRefresher(IServiceScopeFactory scopes, IOptions<ObservabilityOptions> options,
    TimeProvider time, ILogger<QueueGaugeRefresher> logger) : BackgroundService
{
    private static readonly string Sql = $"""
        SELECT 's' AS kind, status AS key, count(*) AS n FROM agent_task_queue
         WHERE status IN ({StatusSql.List(TaskStateMachine.Active)}) GROUP BY status
        UNION ALL
        SELECT 'q', runtime_id::text, count(*) FROM agent_task_queue
         WHERE status = '{AgentTaskStatus.Queued}' GROUP BY runtime_id
        UNION ALL
        SELECT 'r', '', count(*) FROM agent_runtime WHERE status = '{RuntimeStatus.Online}'
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.GaugeRefreshSeconds));
        var failing = false;
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Once per outage, not once per tick.
                if (!failing)
                    logger.LogWarning(ex, "queue gauges not refreshed");
                failing = true;
            }
        } while (await WaitAsync(interval, stoppingToken));
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            var byStatus = TaskStateMachine.Active.ToDictionary(s => s, _ => 0L);
            var queued = new Dictionary<string, long>();
            long online = 0;
            await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = reader.IsDBNull(1) ? "" : reader.GetString(1);
                var n = reader.GetInt64(2);
                switch (reader.GetString(0))
                {
                    case "s": byStatus[key] = n; break;
                    case "q": queued[key] = n; break;
                    default: online = n; break;
                }
            }
            QueueGauges.Publish(byStatus, queued, online);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<bool> WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            await Task.Delay(interval, time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
