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

    [HttpGet("/api/inbox")]
    [HttpGet("/api/pins")]
    [HttpGet("/api/assignee-frequency")]
    [HttpGet("/api/issues/{issueId}/subscribers")]
    [HttpGet("/api/issues/{issueId}/attachments")]
    public async Task<IActionResult> EmptyArray(CancellationToken ct) => await ForMembers(EmptyList, ct);

    [HttpGet("/api/inbox/unread-count")]
    public async Task<IActionResult> UnreadCount(CancellationToken ct) => await ForMembers(new { count = 0 }, ct);

    [HttpGet("/api/projects")]
    public async Task<IActionResult> Projects(CancellationToken ct) => await ForMembers(new { projects = EmptyList, total = 0 }, ct);

    [HttpGet("/api/issues/child-progress")]
    public async Task<IActionResult> ChildProgress(CancellationToken ct) => await ForMembers(new { progress = EmptyList }, ct);

    [HttpGet("/api/issues/{issueId}/children")]
    public async Task<IActionResult> Children(CancellationToken ct) => await ForMembers(new { issues = EmptyList }, ct);

    [HttpGet("/api/workspaces/{workspaceId}/invitations")]
    public async Task<IActionResult> WorkspaceInvitations(string workspaceId, CancellationToken ct)
    {
        await Mediator.Send(new WorkspaceMembershipCheck(workspaceId), ct);
        return Ok(EmptyList);
    }

    /// <summary>User-scoped: the caller's pending invitations.</summary>
    [HttpGet("/api/invitations")]
    public IActionResult Invitations() => Ok(EmptyList);

    private async Task<IActionResult> ForMembers(object body, CancellationToken ct)
    {
        await Mediator.Send(new WorkspaceMembershipCheck(await SelectedWorkspaceIdAsync()), ct);
        return Ok(body);
    }
}
