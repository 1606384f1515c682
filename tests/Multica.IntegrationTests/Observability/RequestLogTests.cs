using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Observability;

/// <summary>
/// A server whose every request counts as slow writes, through the JSON console formatter, a
/// "heartbeat_endpoint slow" line that carries the caller's trace id, the request id and the runtime id as fields.
/// </summary>
public sealed class RequestLogTests
{
    [Test]
    public async Task SlowHeartbeatLine_InJson_CarriesTraceIdRequestIdAndRuntimeId()
    {
        var w = await DaemonTestData.WorldAsync();
        var lines = new JsonLineCapture();
        await using var server = TestEnvironment.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("SlowRequests:ThresholdMs", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(sp =>
                lines.Attach(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json))));
        });

        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/daemon/heartbeat")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { runtime_id = w.Runtime }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", w.Pat);
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await server.CreateClient().SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var line = lines.All().Select(l => JsonDocument.Parse(l).RootElement)
            .FirstOrDefault(l => l.GetProperty("Message").GetString()!.StartsWith("heartbeat_endpoint slow", StringComparison.Ordinal)
                                 && Scopes(l).Any(s => s.TryGetProperty("runtime_id", out var r) && r.GetString() == w.Runtime));
        Assert.That(line.ValueKind, Is.EqualTo(JsonValueKind.Object), "no heartbeat_endpoint slow line for our runtime");
        var scopes = Scopes(line).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(scopes.Any(s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId), Is.True,
                "the line carries the request's trace id");
            Assert.That(scopes.Any(s => s.TryGetProperty("RequestId", out var r) && !string.IsNullOrEmpty(r.GetString())), Is.True,
                "the line carries the request id");
            Assert.That(scopes.Any(s => s.TryGetProperty("update_ms", out _)), Is.True, "the phases are fields");
            Assert.That(line.GetProperty("Message").GetString(), Does.Contain("total_ms="));
        });
    }

    private static IEnumerable<JsonElement> Scopes(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes) ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object) : [];

    /// <summary>Formats every log entry with the server's own JSON console formatter into a list of lines.</summary>
    private sealed class JsonLineCapture
    {
        private readonly List<string> _lines = [];

        public ILoggerProvider Attach(ConsoleFormatter formatter) => new Provider(formatter, this);

        public IReadOnlyList<string> All()
        {
            lock (_lines)
                return _lines.ToList();
        }

        private void Add(string line)
        {
            lock (_lines)
                _lines.Add(line);
        }

        private sealed class Provider(ConsoleFormatter formatter, JsonLineCapture sink) : ILoggerProvider, ISupportExternalScope
        {
            private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
            private ConsoleFormatter Formatter { get; } = formatter;
            private JsonLineCapture Sink { get; } = sink;
            public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);
            public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
            public void Dispose() { }

            private sealed class Logger(string category, Provider provider) : ILogger
            {
                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);
                public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                    Func<TState, Exception?, string> formatter)
                {
                    using var writer = new StringWriter();
                    provider.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter),
                        provider._scopes, writer);
                    var text = writer.ToString().Trim();
                    if (text.Length > 0)
                        provider.Sink.Add(text);
                }
            }
        }
    }
}
