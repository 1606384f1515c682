using Microsoft.AspNetCore.Mvc;
using Multica.Application.TaskQueue.GetTaskQueueOverview;

namespace Multica.WebApi.Controllers;

/// <summary>The operator's overview of the selected workspace's task queue (docs/dashboard.md).</summary>
[Route("api/task-queue")]
public sealed class TaskQueueController : WorkspaceControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Overview(CancellationToken ct) =>
        Ok(await Mediator.Send(new GetTaskQueueOverviewQuery(await SelectedWorkspaceIdAsync()), ct));
}
