using Multica.WebApi.Infrastructure;
using Multica.Application.Tasks.UserTaskMessages;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tasks;
using Multica.Application.Tasks.CancelTask;

namespace Multica.WebApi.Controllers;

/// <summary>The /api/tasks routes of the web app: cancel (the chat stop button) and a task's transcript for members.</summary>
[Route("api/tasks")]
public sealed class TasksController : WorkspaceControllerBase
{
    [HttpPost("{taskId}/cancel")]
    public async Task<IActionResult> Cancel(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CancelTaskCommand(await SelectedWorkspaceIdAsync(), taskId), ct));

    [HttpGet("{taskId}/messages")]
    public async Task<IActionResult> Messages(string taskId, [FromQuery] string? since, [FromQuery] string? limit, CancellationToken ct) =>
        this.MessagePage(await Mediator.Send(new ListUserTaskMessagesQuery(await SelectedWorkspaceIdAsync(), taskId, since, limit), ct));
}
