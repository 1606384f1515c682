using Npgsql;
using NUnit.Framework;

[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

namespace Multica.IntegrationTests.Support;

/// <summary>
/// One database per test run: the schema is dropped and re-created once, then every fixture shares
/// one in-process server. Tests isolate themselves by creating their own users and workspaces, so
/// nothing has to be truncated between them.
/// </summary>
public sealed class TestEnvironment
{
    public const string DatabaseUrlVariable = "MULTICA_TEST_DATABASE_URL";
    public const string RedisUrlVariable = "MULTICA_TEST_REDIS_URL";

    private static MulticaApiFactory? _factory;

    public static MulticaApiFactory Factory => _factory ?? throw new InvalidOperationException("test environment not started");

    public static string DatabaseUrl => Environment.GetEnvironmentVariable(DatabaseUrlVariable)
        ?? throw new InvalidOperationException(
            $"{DatabaseUrlVariable} is not set: run the suite with ./test.sh, which provisions PostgreSQL and Redis.");

    public static string? RedisUrl => Environment.GetEnvironmentVariable(RedisUrlVariable);

    public static async Task StartAsync()
    {
        await ContainerServices.StartIfRequestedAsync();
        await ResetSchemaAsync();
        _factory = new MulticaApiFactory(DatabaseUrl, RedisUrl);
        // Building the server applies the migrations once, before any fixture runs.
        _ = _factory.Server;
    }

    public static async Task StopAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await ContainerServices.StopAsync();
    }

    private static async Task ResetSchemaAsync()
    {
        var connectionString = Infrastructure.Persistence.DatabaseUrl.ToConnectionString(DatabaseUrl);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A raw connection for assertions on stored state.</summary>
    public static async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(Infrastructure.Persistence.DatabaseUrl.ToConnectionString(DatabaseUrl));
        await connection.OpenAsync();
        return connection;
    }
}
