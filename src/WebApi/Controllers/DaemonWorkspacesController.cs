using Multica.Application.DaemonProtocol.Workspaces.ListDaemonWorkspaces;
using Multica.Application.DaemonProtocol.Workspaces.ListRuntimeProfiles;
using Multica.Application.DaemonProtocol.GcChecks;
using Multica.WebApi.Infrastructure;
using Multica.Application.DaemonProtocol.Workspaces.WorkspaceRepos;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.Controllers;

/// <summary>Every /api/daemon/workspaces route: the daemon's workspace list, repos, runtime profiles and the issue GC probe.</summary>
[Route("api/daemon/workspaces")]
public sealed class DaemonWorkspacesController : ApiControllerBase
{
    [HttpGet("{workspaceId}/repos")]
    public async Task<IActionResult> Repos(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetWorkspaceReposQuery(workspaceId.Trim()), ct));

    [HttpGet]
    [ProducesResponseType<IReadOnlyList<Multica.Application.DaemonProtocol.Workspaces.ListDaemonWorkspaces.DaemonWorkspaceDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Workspaces(CancellationToken ct)
    {
        var result = await Mediator.Send(new ListDaemonWorkspacesQuery(), ct);
        Response.Headers.ETag = result.ETag;
        Response.Headers.CacheControl = "private, no-cache";
        if (Request.Headers.IfNoneMatch.Any(v => v == result.ETag))
            return StatusCode(StatusCodes.Status304NotModified);
        return Ok(result.Workspaces);
    }

    [HttpGet("{workspaceId}/runtime-profiles")]
    public async Task<IActionResult> RuntimeProfiles(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListRuntimeProfilesQuery(workspaceId.Trim()), ct));

    [HttpPost("{workspaceId}/issues/gc-check")]
    public async Task<IActionResult> IssuesGcCheck(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new IssuesGcCheckQuery(workspaceId,
            await DeferredBodyReader.ReadAsync<IssuesGcCheckBody>(Request, ct, maxBytes: 64 * 1024)), ct));
}
