using Multica.Application.DaemonProtocol.Workspaces.WorkspaceRepos;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.Controllers;

[Route("api/daemon/workspaces")]
public sealed class DaemonWorkspacesController : ApiControllerBase
{
    [HttpGet("{workspaceId}/repos")]
    public async Task<IActionResult> Repos(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetWorkspaceReposQuery(workspaceId.Trim()), ct));
}
