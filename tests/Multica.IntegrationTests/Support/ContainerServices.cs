using NUnit.Framework;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace Multica.IntegrationTests.Support;

/// <summary>
/// PostgreSQL and Redis in containers (Testcontainers) for the integration suite. Used when
/// <c>MULTICA_TEST_CONTAINERS=1</c> (which <c>./test.sh</c> sets when a Docker engine answers) and the
/// connection variables are not already given. Image names are configurable: the official images by default,
/// the local stand-ins of <c>deploy/local-images.sh</c> where no registry can be reached. Testcontainers'
/// reaper (Ryuk) is off unless <c>MULTICA_TEST_RYUK=1</c>: the containers are removed when the suite ends, and
/// carry the <c>multica.test-run</c> label so the script that started the run can sweep any that survive a crash.
/// </summary>
public static class ContainerServices
{
    public const string ModeVariable = "MULTICA_TEST_CONTAINERS";
    public const string PostgresImageVariable = "MULTICA_TEST_POSTGRES_IMAGE";
    public const string RedisImageVariable = "MULTICA_TEST_REDIS_IMAGE";
    public const string RunLabelVariable = "MULTICA_TEST_RUN_ID";
    public const string RunLabel = "multica.test-run";

    private static PostgreSqlContainer? _postgres;
    private static RedisContainer? _redis;

    public static bool Requested => Environment.GetEnvironmentVariable(ModeVariable) == "1";

    /// <summary>What the suite runs against, for the log line.</summary>
    public static string Mode { get; private set; } = "local processes";

    /// <summary>Starts the containers the environment does not already provide and exports their addresses.</summary>
    public static async Task StartIfRequestedAsync()
    {
        if (!Requested)
            return;
        // Testcontainers asks for a newer Docker API than older engines (Debian's) speak, unless told theirs.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")) && await EngineApiVersionAsync() is { } api)
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", api);
        if (Environment.GetEnvironmentVariable("MULTICA_TEST_RYUK") != "1")
            TestcontainersSettings.ResourceReaperEnabled = false;

        var runId = Environment.GetEnvironmentVariable(RunLabelVariable) ?? Guid.NewGuid().ToString("N");
        var starts = new List<Task>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestEnvironment.DatabaseUrlVariable)))
        {
            _postgres = new PostgreSqlBuilder(Image(PostgresImageVariable, "postgres:15"))
                .WithDatabase("multica_test").WithUsername("multica").WithPassword("multica")
                // A throwaway cluster: durability buys nothing and costs seconds.
                .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=300")
                .WithLabel(RunLabel, runId)
                .WithCleanUp(true)
                .Build();
            starts.Add(_postgres.StartAsync());
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestEnvironment.RedisUrlVariable)))
        {
            _redis = new RedisBuilder(Image(RedisImageVariable, "redis:7"))
                .WithLabel(RunLabel, runId)
                .WithCleanUp(true)
                .Build();
            starts.Add(_redis.StartAsync());
        }
        await Task.WhenAll(starts);
        if (_postgres is not null)
            Environment.SetEnvironmentVariable(TestEnvironment.DatabaseUrlVariable, _postgres.GetConnectionString());
        if (_redis is not null)
            Environment.SetEnvironmentVariable(TestEnvironment.RedisUrlVariable, _redis.GetConnectionString());
        Mode = "containers (" + string.Join(", ",
            new IContainer?[] { _postgres, _redis }.OfType<IContainer>().Select(c => c.Image.FullName)) + ")";
        await TestContext.Progress.WriteLineAsync($"integration suite against {Mode}");
    }

    public static async Task StopAsync()
    {
        foreach (var container in new IContainer?[] { _redis, _postgres }.OfType<IContainer>())
            await container.DisposeAsync();
        _redis = null;
        _postgres = null;
    }

    /// <summary>The engine's API version as the docker CLI reports it, or null without a CLI.</summary>
    private static async Task<string?> EngineApiVersionAsync()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
                "docker", ["version", "--format", "{{.Server.APIVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return null;
            var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Image(string variable, string official) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : official;
}
