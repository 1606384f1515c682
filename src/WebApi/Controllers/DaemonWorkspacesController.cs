using Microsoft.AspNetCore.Mvc;
using Multica.Application.Daemon.WorkspaceRepos;

namespace Multica.WebApi.Controllers;

[Route("api/daemon/workspaces")]
public sealed class DaemonWorkspacesController : ApiControllerBase
{
    [HttpGet("{workspaceId}/repos")]
    public async Task<IActionResult> Repos(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetWorkspaceReposQuery(workspaceId.Trim()), ct));
}
