using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tasks;

namespace Multica.WebApi.Controllers;

public sealed class TaskCancellationController : ControlPlaneControllerBase
{
    /// <summary>Used by the chat UI's stop button (control-plane.md §16.1).</summary>
    [HttpPost("/api/tasks/{taskId}/cancel")]
    public async Task<IActionResult> Cancel(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CancelTaskCommand(await SelectedWorkspaceIdAsync(), taskId), ct));
}
