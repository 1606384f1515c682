using Microsoft.AspNetCore.Mvc;
using Multica.Infrastructure;

namespace Multica.WebApi.Controllers;

public sealed class HealthController(HealthProbe probe) : ApiControllerBase
{
    /// <summary>Liveness: the process answers.</summary>
    [HttpGet("/health")]
    public IActionResult Health() => Ok(new { status = "ok" });

    /// <summary>Readiness: PostgreSQL (and Redis when configured) answer.</summary>
    [HttpGet("/readyz")]
    [HttpGet("/healthz")]
    public async Task<IActionResult> Ready(CancellationToken ct)
    {
        var checks = await probe.CheckAsync(ct);
        var healthy = checks.All(c => c.Healthy);
        var body = new
        {
            status = healthy ? "ok" : "unavailable",
            checks = checks.ToDictionary(c => c.Name, c => c.Healthy ? "ok" : c.Error ?? "error"),
        };
        return StatusCode(healthy ? 200 : 503, body);
    }
}
