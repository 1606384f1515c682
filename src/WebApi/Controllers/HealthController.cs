using Microsoft.AspNetCore.Mvc;
using Multica.Infrastructure;
using Multica.WebApi.Warmup;

namespace Multica.WebApi.Controllers;

public sealed class HealthController(HealthProbe probe, WarmupGate warmup) : ApiControllerBase
{
    /// <summary>Liveness: the process answers.</summary>
    [HttpGet("/health")]
    public IActionResult Health() => Ok(new { status = "ok" });

    /// <summary>Readiness: the start-up warm-up has run, and PostgreSQL (and Redis when configured) answer.</summary>
    [HttpGet("/readyz")]
    [HttpGet("/healthz")]
    public async Task<IActionResult> Ready(CancellationToken ct)
    {
        // Until the node has run its hot paths once (docs/operations.md, "Warm-up at start").
        if (!warmup.IsOpen)
            return Unavailable("warming up", new Dictionary<string, string> { ["warmup"] = "running" });
        var checks = await probe.CheckAsync(ct);
        var healthy = checks.All(c => c.Healthy);
        var checksBody = checks.ToDictionary(c => c.Name, c => c.Healthy ? "ok" : c.Error ?? "error");
        if (healthy)
            return Ok(new { status = "ok", checks = checksBody });
        // The failed dependencies are named in the error ("postgres unavailable", "redis unavailable").
        var failed = string.Join(", ", checks.Where(c => !c.Healthy).Select(c => c.Name));
        return Unavailable($"{failed} unavailable", checksBody);
    }

    /// <summary>503 with the reason and each check's state: the one shape of a node that is not ready.</summary>
    private ObjectResult Unavailable(string error, IReadOnlyDictionary<string, string> checks) =>
        StatusCode(503, new { status = "unavailable", error, checks });
}
