using Microsoft.AspNetCore.Mvc;
using Multica.Application.Runtimes;
using Multica.Application.Runtimes.DeleteRuntime;
using Multica.Application.Runtimes.GetRuntimeActivity;
using Multica.Application.Runtimes.GetRuntimeUsage;
using Multica.Application.Runtimes.ListRuntimes;

namespace Multica.WebApi.Controllers;

/// <summary>Runtimes as the web app manages them (the pending-request initiators live elsewhere).</summary>
[Route("api/runtimes")]
public sealed class WorkspaceRuntimesController : WorkspaceControllerBase
{
    [HttpGet]
    public async Task<IActionResult> List([FromQuery] string? owner, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListRuntimesQuery(await SelectedWorkspaceIdAsync(), owner), ct));

    // Delete, usage and activity resolve the workspace from the runtime itself (membership checked there).
    [HttpDelete("{runtimeId}")]
    public async Task<IActionResult> Delete(string runtimeId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteRuntimeCommand(runtimeId), ct);
        return Ok(new { status = "ok" });
    }

    [HttpGet("{runtimeId}/usage")]
    public async Task<IActionResult> Usage(string runtimeId, [FromQuery] string? days, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetRuntimeUsageQuery(runtimeId, days), ct));

    [HttpGet("{runtimeId}/activity")]
    public async Task<IActionResult> Activity(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetRuntimeActivityQuery(runtimeId), ct));
}
