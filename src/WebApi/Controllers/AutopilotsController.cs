using Microsoft.AspNetCore.Mvc;
using Multica.Application.Autopilots;
using Multica.Application.Common;
using Multica.Application.Autopilots.CreateAutopilot;
using Multica.Application.Autopilots.DeleteAutopilot;
using Multica.Application.Autopilots.GetAutopilot;
using Multica.Application.Autopilots.ListAutopilotRuns;
using Multica.Application.Autopilots.ListAutopilots;
using Multica.Application.Autopilots.TriggerAutopilot;
using Multica.Application.Autopilots.UpdateAutopilot;

namespace Multica.WebApi.Controllers;

[Route("api/autopilots")]
public sealed class AutopilotsController : WorkspaceControllerBase
{
    public sealed record CreateAutopilotBody(string? Title, string? Description, string? AssigneeId, string? ExecutionMode,
        string? IssueTitleTemplate);

    public sealed record UpdateAutopilotBody(string? Title, string? Status, string? ExecutionMode, string? AssigneeId,
        Optional<string?> Description, Optional<string?> IssueTitleTemplate);

    [HttpGet]
    public async Task<IActionResult> List([FromQuery] string? status, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListAutopilotsQuery(await SelectedWorkspaceIdAsync(), status), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateAutopilotBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateAutopilotCommand(await SelectedWorkspaceIdAsync(), b.Title, b.Description,
            b.AssigneeId, b.ExecutionMode, b.IssueTitleTemplate), ct));

    [HttpGet("{autopilotId}")]
    public async Task<IActionResult> Get(string autopilotId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetAutopilotQuery(await SelectedWorkspaceIdAsync(), autopilotId), ct));

    [HttpPatch("{autopilotId}")]
    public async Task<IActionResult> Update(string autopilotId, [FromBody] UpdateAutopilotBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateAutopilotCommand(await SelectedWorkspaceIdAsync(), autopilotId, b.Title, b.Status,
            b.ExecutionMode, b.AssigneeId, b.Description, b.IssueTitleTemplate), ct));

    [HttpDelete("{autopilotId}")]
    public async Task<IActionResult> Delete(string autopilotId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteAutopilotCommand(await SelectedWorkspaceIdAsync(), autopilotId), ct);
        return NoContent();
    }

    [HttpPost("{autopilotId}/trigger")]
    public async Task<IActionResult> Trigger(string autopilotId, CancellationToken ct) =>
        Ok(await Mediator.Send(new TriggerAutopilotCommand(await SelectedWorkspaceIdAsync(), autopilotId), ct));

    [HttpGet("{autopilotId}/runs")]
    public async Task<IActionResult> Runs(string autopilotId, [FromQuery] string? limit, [FromQuery] string? offset, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListAutopilotRunsQuery(await SelectedWorkspaceIdAsync(), autopilotId, limit, offset), ct));
}
