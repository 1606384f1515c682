using Microsoft.AspNetCore.Mvc;
using Multica.Application.SubIssues.ChildProgress;
using Multica.Application.SubIssues.ListChildIssues;

namespace Multica.WebApi.Controllers;

/// <summary>Sub-issues (issues with a parent_issue_id) and their parents' progress.</summary>
public sealed class SubIssuesController : WorkspaceControllerBase
{
    /// <summary>A literal route, so "child-progress" is never read as an issue id.</summary>
    [HttpGet("/api/issues/child-progress")]
    public async Task<IActionResult> Progress(CancellationToken ct) =>
        Ok(await Mediator.Send(new ChildProgressQuery(await SelectedWorkspaceIdAsync()), ct));

    [HttpGet("/api/issues/{issueId}/children")]
    public async Task<IActionResult> Children(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListChildIssuesQuery(await SelectedWorkspaceIdAsync(), issueId), ct));
}
