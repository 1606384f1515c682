using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Options;
using Multica.Application;
using Multica.Application.Common;
using Multica.Application.Common.Behaviours;
using Multica.Infrastructure;
using Multica.Infrastructure.Observability;
using Multica.Infrastructure.Persistence;
using Multica.WebApi.Infrastructure;
using Multica.WebApi.Input;
using Multica.WebApi.Middleware;
using Multica.WebApi.OpenApi;
using Multica.WebApi.Realtime;
using Multica.WebApi.Warmup;

var builder = WebApplication.CreateBuilder(args);
UpstreamEnvironment.Apply(builder.Configuration);
// The SQL script verb never opens a connection; it needs none configured.
if (args.Contains("--migrations-script") && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres")))
    builder.Configuration["ConnectionStrings:Postgres"] = "Host=localhost";

builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddObservability(builder.Configuration);
builder.Services.AddMediator((MediatorOptions options) =>
{
    // Handlers and behaviours hold no state of their own (what a request shares lives in scoped services such as
    // AccessScope, which they take as dependencies), so they are transient: a scoped one was entered in the request
    // scope's table under its lock, eight of them per request, about 1.4 % of a heartbeat's CPU (docs/benchmarks.md,
    // fifteenth stop).
    options.ServiceLifetime = ServiceLifetime.Transient;
    // Outermost first: error containment, the request's activity and id log scope, timing, validation of the few requests judged before access,
    // authorization, then validation right before the handler.
    options.PipelineBehaviors =
    [
        typeof(UnhandledExceptionBehaviour<,>),
        typeof(TracingBehaviour<,>),
        typeof(TimingBehaviour<,>),
        typeof(EarlyValidationBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ValidationBehaviour<,>),
    ];
});

// MVC as AddControllers() registers it, less its authorization services: no route uses ASP.NET Core's
// authentication schemes or authorization policies (the credential check is AuthenticationMiddleware, access is
// the mediator's AuthorizationBehaviour), and while those services are registered the host adds its own
// authentication and authorization middlewares in front of every request: 2.4 % of the server's samples in a
// heartbeat profile (docs/benchmarks.md, sixteenth stop).
builder.Services
    .AddMvcCore(options =>
    {
        options.InputFormatters.Insert(0, new LenientJsonInputFormatter());
        // No route takes forms; without these, a JSON body sent as form-urlencoded (curl's default) is consumed before binding.
        options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    })
    .AddApiExplorer()
    .AddCors()
    .AddDataAnnotations()
    .AddFormatterMappings()
    .AddJsonOptions(options => JsonDefaults.Configure(options.JsonSerializerOptions))
    .ConfigureApiBehaviorOptions(options =>
    {
        // Any binding failure (malformed JSON, wrong types, empty body) is upstream's "invalid request body".
        options.InvalidModelStateResponseFactory = _ =>
            new BadRequestObjectResult(new Multica.WebApi.OpenApi.ErrorBody("invalid request body"));
    });

// MVC's model validation, without its walks that can find nothing: an action's cancellation token, a body whose type
// has no validators (requests are validated by FluentValidation in the mediator pipeline; docs/benchmarks.md,
// fifteenth stop).
builder.Services.AddSingleton<IObjectModelValidator, ActionModelValidator>();
builder.Services.AddSingleton<RealtimeHub>();
// --- The start-up warm-up: the task loop once before /readyz answers 200 (see docs/operations.md) ---
builder.Services.Configure<WarmupOptions>(builder.Configuration.GetSection(WarmupOptions.Section));
builder.Services.AddSingleton(sp => new WarmupGate(open: !sp.GetRequiredService<IOptions<WarmupOptions>>().Value.Enabled));
builder.Services.AddSingleton<IStartupWarmupRound, SelfHttpWarmupRound>();
builder.Services.AddHostedService<StartupWarmup>();
// Upstream's keep-alive for both sockets: a ping every 54 s (daemons drop a socket silent for 60 s),
// and a socket that has not answered for 60 s is dropped.
builder.Services.Configure<WebSocketOptions>(options =>
{
    options.KeepAliveInterval = TimeSpan.FromSeconds(54);
    options.KeepAliveTimeout = TimeSpan.FromSeconds(60);
});
builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
{
    var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
    var origins = !string.IsNullOrWhiteSpace(auth.CorsAllowedOrigins)
        ? auth.CorsAllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : !string.IsNullOrWhiteSpace(auth.FrontendOrigin)
            ? [auth.FrontendOrigin.Trim()]
            : ["http://localhost:3000", "http://localhost:5173", "http://localhost:5174"];
    policy.WithOrigins(origins)
        .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
        .WithHeaders("Accept", "Authorization", "Content-Type", "X-Workspace-ID", "X-Workspace-Slug", "X-Request-ID",
            "X-Agent-ID", "X-Task-ID", "X-CSRF-Token", "X-Client-Platform", "X-Client-Version", "X-Client-OS",
            "X-Client-Capabilities")
        .AllowCredentials()
        .SetPreflightMaxAge(TimeSpan.FromSeconds(300));
}));

FieldLimits.Current = builder.Configuration.GetSection(FieldLimits.Section).Get<FieldLimits>() ?? new FieldLimits();
// --- API description: OpenAPI document and reference UI (see docs/openapi.md) ---
builder.Services.AddMulticaOpenApi();

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize =
    builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 10 * 1024 * 1024);

var app = builder.Build();

// One-shot verbs for operators (docs/operations.md); neither needs a JWT secret, the SQL script not even a database.
if (args.Contains("--migrations-script"))
{
    await Console.Out.WriteAsync(MigrationRunner.IdempotentScript(app.Services));
    return;
}

if (args.Contains("--migrate"))
{
    await MigrationRunner.MigrateAsync(app.Services, app.Logger, CancellationToken.None);
    app.Logger.LogInformation("migrations applied");
    return;
}

var authOptions = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
if (authOptions.IsProduction && (string.IsNullOrWhiteSpace(authOptions.JwtSecret) || authOptions.JwtSecret == AuthOptions.DevelopmentJwtSecret))
    throw new InvalidOperationException("JWT_SECRET (Auth__JwtSecret) must be set to a real secret when APP_ENV=production.");
if (string.IsNullOrEmpty(authOptions.JwtSecret))
{
    app.Logger.LogWarning("JWT_SECRET is not set — using the insecure development default");
}

if (args.Contains("--bootstrap"))
{
    await MigrationRunner.MigrateAsync(app.Services, app.Logger, CancellationToken.None);
    Environment.ExitCode = await BootstrapVerb.RunAsync(app.Services, args, app.Configuration);
    return;
}

app.UseMiddleware<ErrorHandlingMiddleware>();
app.UseMiddleware<UrlTextMiddleware>();
app.UseCors();
// --- The operator dashboard: static files under wwwroot/admin, /admin redirects to /admin/ (see docs/dashboard.md) ---
app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/admin", FileProvider = AdminDashboard.Files(app.Environment) });
app.UseStaticFiles(new StaticFileOptions { RequestPath = "/admin", FileProvider = AdminDashboard.Files(app.Environment) });
app.UseWebSockets();
app.UseRouting();
app.UseMiddleware<DaemonRouteFallbackMiddleware>();
app.UseMiddleware<AuthenticationMiddleware>();
app.MapControllers();
app.Map("/ws", RealtimeEndpoint.HandleAsync);
app.MapObservability();
// --- API description: /openapi/v1.json always, the /docs reference outside production ---
app.MapMulticaOpenApi(authOptions.IsProduction);

app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
