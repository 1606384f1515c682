using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Multica.Infrastructure.Persistence;

/// <summary>Applies pending migrations before the server accepts requests (switch: Database:MigrateOnStartup).</summary>
public sealed class MigrationRunner(IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<MigrationRunner> logger) : IHostedService
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
            return;
        await MigrateAsync(services, logger, cancellationToken);
    }

    public static async Task MigrateAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        // Several in-process hosts (tests) may start at once; Postgres would also serialise them, but noisily.
        await Gate.WaitAsync(ct);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
            // Creating the history table first keeps a fresh database from logging a failed query.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
                return;
            logger.LogInformation("applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The idempotent SQL script of every migration (what <c>dotnet ef migrations script --idempotent</c> writes): each
    /// migration guarded by a check of the history table, so it runs safely on a database at any schema version.
    /// Needs no database connection.
    /// </summary>
    public static string IdempotentScript(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
