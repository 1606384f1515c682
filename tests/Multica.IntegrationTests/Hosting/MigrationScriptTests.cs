using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multica.Infrastructure.Persistence;
using Multica.IntegrationTests.Support;
using Npgsql;
using NUnit.Framework;

namespace Multica.IntegrationTests.Hosting;

/// <summary>
/// The operators' idempotent SQL script (<c>--migrations-script</c>, docs/operations.md): printed by the server binary
/// with no database and no JWT secret configured, it builds the whole schema on an empty database, changes nothing when
/// run again, and runs cleanly on a database the server migrated itself.
/// </summary>
public sealed class MigrationScriptTests
{
    private const string HistoryTable = "__ef_migrations_history";

    [Test]
    public async Task MigrationsScript_FromTheServerBinary_BuildsTheSchemaAndIsIdempotent()
    {
        var script = await RunServerVerbAsync("--migrations-script");
        var firstLine = script.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
        Assert.That(firstLine, Does.StartWith("CREATE TABLE IF NOT EXISTS").And.Contain(HistoryTable), "stdout holds the script and nothing else");

        int migrations;
        await using (var scope = TestEnvironment.Factory.Services.CreateAsyncScope())
            migrations = scope.ServiceProvider.GetRequiredService<MulticaDbContext>().Database.GetMigrations().Count();

        var database = "multica_script_" + Guid.NewGuid().ToString("N")[..12];
        var main = Infrastructure.Persistence.DatabaseUrl.ToConnectionString(TestEnvironment.DatabaseUrl);
        await ExecAsync(main, $"CREATE DATABASE \"{database}\"");
        var fresh = new NpgsqlConnectionStringBuilder(main) { Database = database, Pooling = false }.ConnectionString;
        try
        {
            await ExecAsync(fresh, script);
            Assert.That(await ScalarAsync(fresh, $"SELECT count(*) FROM \"{HistoryTable}\""), Is.EqualTo(migrations));
            Assert.That(await ScalarAsync(fresh, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'agent_task_queue'"),
                Is.EqualTo(1));

            await ExecAsync(fresh, script);
            Assert.That(await ScalarAsync(fresh, $"SELECT count(*) FROM \"{HistoryTable}\""), Is.EqualTo(migrations), "a second run applies nothing");
        }
        finally
        {
            await ExecAsync(main, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }

        // The run's database, migrated by the server at start-up, takes the script without complaint.
        await ExecAsync(main, script);
        Assert.That(await ScalarAsync(main, $"SELECT count(*) FROM \"{HistoryTable}\""), Is.EqualTo(migrations));
    }

    /// <summary>Runs the built server binary with one verb and returns its stdout.</summary>
    private static async Task<string> RunServerVerbAsync(string verb)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Multica.WebApi.dll"));
        start.ArgumentList.Add(verb);
        foreach (var name in new[] { "DATABASE_URL", "ConnectionStrings__Postgres", "REDIS_URL", "ConnectionStrings__Redis", "JWT_SECRET", "Auth__JwtSecret" })
            start.Environment.Remove(name);
        start.Environment["APP_ENV"] = "production";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        return await stdout;
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
