using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.OpenApi;
using Multica.WebApi.Infrastructure;
using Scalar.AspNetCore;

namespace Multica.WebApi.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) generated from the controllers, and the interactive reference
/// (<c>/docs</c>) outside production. Response schemas come from what each action sends through the mediator
/// (<see cref="ActionResponseTypes"/>); every operation documents the <c>{"error": …}</c> body of its failures.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferenceRoute = "/docs";
    private const string ErrorSchemaName = nameof(ErrorBody);

    public static IServiceCollection AddMulticaOpenApi(this IServiceCollection services)
    {
        // The generator reads the minimal-API JSON options: give it the wire conventions (snake_case).
        services.ConfigureHttpJsonOptions(options => JsonDefaults.Configure(options.SerializerOptions));
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Multica server",
                    Version = DocumentName,
                    Description = "Daemon protocol and control-plane API. Errors answer {\"error\": \"message\"}.",
                };
                AddRealtimeSocket(document);
                var observability = context.ApplicationServices
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<Multica.Infrastructure.Observability.ObservabilityOptions>>().Value;
                if (observability.PrometheusEnabled)
                    AddMetricsEndpoint(document, observability.PrometheusPath);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                operation.Responses ??= new OpenApiResponses();
                if (context.Description.ActionDescriptor is ControllerActionDescriptor action)
                    await DescribeSuccessAsync(operation, context, action, ct);
                var error = await context.GetOrCreateSchemaAsync(typeof(ErrorBody), null, ct);
                foreach (var (status, text) in new[] { ("4XX", "Rejected request"), ("5XX", "Server failure") })
                {
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = text + ": {\"error\": message}",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = Reference(context.Document, error) },
                        },
                    };
                }
            });
        });
        return services;
    }

    /// <summary>Maps the document, and the reference UI unless <paramref name="production"/>.</summary>
    public static void MapMulticaOpenApi(this WebApplication app, bool production)
    {
        app.MapOpenApi(DocumentRoute);
        if (!production)
            app.MapScalarApiReference(ReferenceRoute, options => options
                .WithTitle("Multica server API")
                .WithOpenApiRoutePattern(DocumentRoute));
    }

    private static async Task DescribeSuccessAsync(
        OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context,
        ControllerActionDescriptor action, CancellationToken ct)
    {
        // Declared response types win; otherwise the action's mediator response is its 200 body.
        if (context.Description.SupportedResponseTypes.Any(r => r.Type is not null && r.Type != typeof(void)))
            return;
        var inferred = ActionResponseTypes.Infer(action.MethodInfo);
        if (inferred.NoContent)
        {
            operation.Responses!.Remove("200");
            operation.Responses["204"] = new OpenApiResponse { Description = "No Content" };
        }
        if (inferred.Body is null)
            return;
        var schema = await context.GetOrCreateSchemaAsync(inferred.Body, null, ct);
        if (inferred.Status != 200)
            operation.Responses!.Remove("200");
        operation.Responses![inferred.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = inferred.Status == 201 ? "Created" : "OK",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    /// <summary>A reference to the component the generator registered for a schema, when it did.</summary>
    private static IOpenApiSchema Reference(OpenApiDocument? document, IOpenApiSchema schema) =>
        document is not null && document.Components?.Schemas?.ContainsKey(ErrorSchemaName) == true
            ? new OpenApiSchemaReference(ErrorSchemaName, document)
            : schema;

    /// <summary>The browser socket is mapped outside MVC: describe its upgrade by hand.</summary>
    private static void AddRealtimeSocket(OpenApiDocument document)
    {
        document.Paths ??= new OpenApiPaths();
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            Summary = "Realtime events for the web app (WebSocket)",
            Description = "Authenticates from the multica_auth cookie or a first {\"type\":\"auth\"} frame, " +
                "then streams workspace and personal events. See docs/api.md.",
            Tags = new HashSet<OpenApiTagReference> { new("Realtime", document) },
            Responses = new OpenApiResponses
            {
                ["101"] = new OpenApiResponse { Description = "Switching Protocols" },
                ["400"] = new OpenApiResponse { Description = "Not a WebSocket upgrade" },
            },
        });
        document.Paths[RealtimePath] = item;
    }

    /// <summary>The Prometheus scrape endpoint is mapped outside MVC: describe it by hand (docs/observability.md).</summary>
    private static void AddMetricsEndpoint(OpenApiDocument document, string path)
    {
        document.Paths ??= new OpenApiPaths();
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            Summary = "Metrics in the Prometheus text format",
            Description = "Every instrument of the Multica meter plus ASP.NET Core, runtime, Npgsql and Redis metrics. See docs/observability.md.",
            Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
            Responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "Prometheus exposition text" } },
        });
        document.Paths[path] = item;
    }

    public const string RealtimePath = "/ws";
}
