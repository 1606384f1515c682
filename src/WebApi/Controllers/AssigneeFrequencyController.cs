using Microsoft.AspNetCore.Mvc;
using Multica.Application.Activity.GetAssigneeFrequency;

namespace Multica.WebApi.Controllers;

public sealed class AssigneeFrequencyController : WorkspaceControllerBase
{
    [HttpGet("/api/assignee-frequency")]
    public async Task<IActionResult> Get(CancellationToken ct) =>
        Ok(await Mediator.Send(new GetAssigneeFrequencyQuery(await SelectedWorkspaceIdAsync()), ct));
}
