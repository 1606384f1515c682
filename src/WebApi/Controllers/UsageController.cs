using Microsoft.AspNetCore.Mvc;
using Multica.Application.Usage;
using Multica.Application.Usage.GetDailyUsage;
using Multica.Application.Usage.GetUsageSummary;

namespace Multica.WebApi.Controllers;

[Route("api/usage")]
public sealed class UsageController : WorkspaceControllerBase
{
    [HttpGet("summary")]
    public async Task<IActionResult> Summary([FromQuery] string? days, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetUsageSummaryQuery(await SelectedWorkspaceIdAsync(), days), ct));

    [HttpGet("daily")]
    public async Task<IActionResult> Daily([FromQuery] string? days, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetDailyUsageQuery(await SelectedWorkspaceIdAsync(), days), ct));
}
