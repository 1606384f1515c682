using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tasks.IssueTaskRuns;

namespace Multica.WebApi.Controllers;

/// <summary>The web app's view of an issue's agent runs.</summary>
[Route("api/issues/{id}")]
public sealed class IssueTaskRunsController : ApiControllerBase
{
    [HttpGet("active-task")]
    public async Task<IActionResult> ActiveTasks(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetActiveTasksQuery(await SelectedWorkspaceIdAsync(), id), ct));

    [HttpPost("tasks/{taskId}/cancel")]
    public async Task<IActionResult> Cancel(string id, string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CancelIssueTaskCommand(await SelectedWorkspaceIdAsync(), id, taskId), ct));

    [HttpGet("task-runs")]
    public async Task<IActionResult> TaskRuns(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListIssueTaskRunsQuery(await SelectedWorkspaceIdAsync(), id), ct));

    [HttpGet("usage")]
    public async Task<IActionResult> Usage(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetIssueUsageQuery(await SelectedWorkspaceIdAsync(), id), ct));
}
