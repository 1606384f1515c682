using Microsoft.AspNetCore.Mvc;
using Multica.Application.Issues.GetIssue;
using Multica.Application.Stubs;

namespace Multica.WebApi.Controllers;

/// <summary>
/// Out-of-scope features the web app calls on common pages (docs/api.md): fixed empty answers so it
/// renders without errors. Workspace-scoped ones still require membership.
/// </summary>
public sealed class FrontendStubsController : WorkspaceControllerBase
{
    private static readonly object[] EmptyList = [];

    /// <summary>The issue is looked up like any issue route (404 <c>issue not found</c> outside the workspace).</summary>
    [HttpGet("/api/issues/{issueId}/attachments")]
    public async Task<IActionResult> Attachments(string issueId, CancellationToken ct)
    {
        await Mediator.Send(new GetIssueQuery(await SelectedWorkspaceIdAsync(), issueId), ct);
        return Ok(EmptyList);
    }

    private async Task<IActionResult> ForMembers(object body, CancellationToken ct)
    {
        await Mediator.Send(new WorkspaceMembershipCheck(await SelectedWorkspaceIdAsync()), ct);
        return Ok(body);
    }
}
