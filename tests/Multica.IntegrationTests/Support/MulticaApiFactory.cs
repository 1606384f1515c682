using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;

namespace Multica.IntegrationTests.Support;

/// <summary>The real server in process, against the run's PostgreSQL (and Redis when given).</summary>
/// <remarks><paramref name="overrides"/> replace or add settings (a cluster node's sweeper, for one).</remarks>
public sealed class MulticaApiFactory(string databaseUrl, string? redisUrl, IReadOnlyDictionary<string, string?>? overrides = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Every event the server published, for assertions.</summary>
    public EventRecorder Events { get; } = new();

    /// <summary>Settings the server reads while it is being built (Program reads configuration at registration).</summary>
    private IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(BaseSettings.Concat(overrides ?? new Dictionary<string, string?>())
        .GroupBy(kv => kv.Key).Select(g => g.Last()));

    private IReadOnlyDictionary<string, string?> BaseSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = databaseUrl,
        ["ConnectionStrings:Redis"] = redisUrl,
        ["Auth:JwtSecret"] = "integration-test-secret",
        ["Auth:AppEnvironment"] = "test",
        ["Database:MigrateOnStartup"] = "true",
        ["Database:MaxPoolSize"] = "60",
        // The sweeper is global: tests run one sweep at a time on purpose instead of a timer.
        ["Sweeper:Enabled"] = "false",
        // No start-up warm-up: the test server has no address to call, and a test reads /readyz at once.
        ["Warmup:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        // Queue gauges recounted every second, so a test reading them waits little.
        ["Observability:GaugeRefreshSeconds"] = "1",
        // Uploaded files of this server, and a file limit small enough to test.
        ["Uploads:Directory"] = UploadDirectory,
        ["Uploads:MaxBytes"] = UploadMaxBytes.ToString(),
    };

    public const long UploadMaxBytes = 256 * 1024;

    /// <summary>The local file storage's directory, private to this server.</summary>
    public string UploadDirectory { get; } = Path.Combine(Path.GetTempPath(), "multica-test-uploads-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
            if (value is not null)
                builder.UseSetting(key, value);
        // A server derived with WithWebHostBuilder shares this recorder and, on Redis, hears this server's events
        // relayed back: only events published by the server itself are recorded, or they would count twice.
        builder.ConfigureServices(services => services.AddHostedService(sp =>
            new EventRecorderHost(Events, sp.GetRequiredService<IEventSubscriber>())));
    }
}
