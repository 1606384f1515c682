using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Observability;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Multica.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry wiring: metrics (ours, ASP.NET Core, HttpClient, .NET runtime, Npgsql) for Prometheus at
/// Observability:PrometheusPath and over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; traces (our mediator
/// activities, ASP.NET Core, HttpClient, EF Core, Npgsql, Redis) only over OTLP; scopes in JSON console logs.
/// </summary>
public static class ObservabilityRegistration
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ObservabilityOptions.Section);
        services.Configure<ObservabilityOptions>(section);
        var settings = section.Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration[ObservabilityOptions.OtlpEndpointVariable]);
        var redis = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(DependencyInjection.RedisConnectionName));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MulticaMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (settings.PrometheusEnabled)
                    metrics.AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(MulticaMetrics.ActivitySourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter();
                if (redis)
                    tracing.AddRedisInstrumentation();
            });
        }

        // JSON console lines (Logging__Console__FormatterName=json) carry the scopes: trace and span ids, the
        // request id and path, and the runtime/task/workspace ids of the mediator request. Explicit settings win.
        if (configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
            services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        services.Configure<JsonConsoleFormatterOptions>(options => options.UseUtcTimestamp = true);

        // Framework meters (requests, Kestrel, routing) are made per host by its IMeterFactory. A process running more
        // than one host sees them all under one name: keep this host's only, or another host's stop would take this
        // host's series with it.
        services.ConfigureOpenTelemetryMeterProvider((sp, builder) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own)
                ? MetricStreamConfiguration.Drop
                : null);
        });

        services.AddHostedService<QueueGaugeRefresher>();
        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when it is enabled.</summary>
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (settings.PrometheusEnabled)
            endpoints.MapPrometheusScrapingEndpoint(settings.PrometheusPath);
        return endpoints;
    }
}
