using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tasks.IssueTaskRuns;
using Multica.Application.Tasks.UserTaskMessages;

namespace Multica.WebApi.Controllers;

/// <summary>The web app's view of an issue's agent runs, and task transcripts for members.</summary>
[Route("api")]
public sealed class IssueTaskRunsController : ApiControllerBase
{
    [HttpGet("issues/{id}/active-task")]
    public async Task<IActionResult> ActiveTasks(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetActiveTasksQuery(await SelectedWorkspaceIdAsync(), id), ct));

    [HttpPost("issues/{id}/tasks/{taskId}/cancel")]
    public async Task<IActionResult> Cancel(string id, string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CancelIssueTaskCommand(await SelectedWorkspaceIdAsync(), id, taskId), ct));

    [HttpGet("issues/{id}/task-runs")]
    public async Task<IActionResult> TaskRuns(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListIssueTaskRunsQuery(await SelectedWorkspaceIdAsync(), id), ct));

    [HttpGet("issues/{id}/usage")]
    public async Task<IActionResult> Usage(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetIssueUsageQuery(await SelectedWorkspaceIdAsync(), id), ct));

    [HttpGet("tasks/{taskId}/messages")]
    public async Task<IActionResult> TaskMessages(string taskId, [FromQuery] string? since, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListUserTaskMessagesQuery(await SelectedWorkspaceIdAsync(), taskId, since), ct));
}
