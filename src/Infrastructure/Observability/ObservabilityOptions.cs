namespace Multica.Infrastructure.Observability;

/// <summary>Metrics, traces and structured-log settings (docs/observability.md).</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>The standard OpenTelemetry variable; when set, metrics and traces are also pushed there over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Serve the Prometheus scrape endpoint.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>Where the Prometheus text format is served.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>How often the queue-depth and runtimes-online gauges are recounted.</summary>
    public int GaugeRefreshSeconds { get; set; } = 5;

    /// <summary>service.name of the exported resource.</summary>
    public string ServiceName { get; set; } = "multica-server";
}
