using Microsoft.AspNetCore.Mvc;
using Multica.Application.Stubs;

namespace Multica.WebApi.Controllers;

/// <summary>
/// Out-of-scope features the web app calls on common pages (docs/api.md): fixed empty answers so it
/// renders without errors. Workspace-scoped ones still require membership.
/// </summary>
public sealed class FrontendStubsController : WorkspaceControllerBase
{
    private static readonly object[] EmptyList = [];

    [HttpGet("/api/issues/{issueId}/attachments")]
    public async Task<IActionResult> EmptyArray(CancellationToken ct) => await ForMembers(EmptyList, ct);

    private async Task<IActionResult> ForMembers(object body, CancellationToken ct)
    {
        await Mediator.Send(new WorkspaceMembershipCheck(await SelectedWorkspaceIdAsync()), ct);
        return Ok(body);
    }
}
