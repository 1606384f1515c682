using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.DaemonTokens;
using Multica.Application.Workspaces;
using Multica.Application.Workspaces.ListMembers;
using Multica.Application.Workspaces.UpdateWorkspace;

namespace Multica.WebApi.Controllers;

[Route("api/workspaces")]
public sealed class WorkspacesController : ApiControllerBase
{
    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct) => Ok(await Mediator.Send(new ListWorkspacesQuery(), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateWorkspaceCommand command, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(command, ct));

    [HttpGet("{workspaceId}")]
    public async Task<IActionResult> Get(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetWorkspaceQuery(workspaceId), ct));

    public sealed record UpdateWorkspaceBody(string? Name, string? Description, string? Context, JsonElement? Settings,
        JsonElement? Repos, string? IssuePrefix);

    [HttpPut("{workspaceId}")]
    [HttpPatch("{workspaceId}")]
    public async Task<IActionResult> Update(string workspaceId, [FromBody] UpdateWorkspaceBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateWorkspaceCommand(workspaceId, body.Name, body.Description, body.Context, body.Settings,
            body.Repos, body.IssuePrefix), ct));

    [HttpGet("{workspaceId}/members")]
    public async Task<IActionResult> Members(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListMembersQuery(workspaceId), ct));

    // Daemon tokens (mdt_): an owner/admin mints one for a daemon id, sees it once, lists and revokes.

    public sealed record IssueDaemonTokenBody(string? DaemonId, int? ExpiresInDays);

    [HttpPost("{workspaceId}/daemon-tokens")]
    public async Task<IActionResult> IssueDaemonToken(string workspaceId, [FromBody] IssueDaemonTokenBody body, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new IssueDaemonTokenCommand(workspaceId, body.DaemonId, body.ExpiresInDays), ct));

    [HttpGet("{workspaceId}/daemon-tokens")]
    public async Task<IActionResult> ListDaemonTokens(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListDaemonTokensQuery(workspaceId), ct));

    [HttpDelete("{workspaceId}/daemon-tokens/{tokenId}")]
    public async Task<IActionResult> RevokeDaemonToken(string workspaceId, string tokenId, CancellationToken ct)
    {
        await Mediator.Send(new RevokeDaemonTokenCommand(workspaceId, tokenId), ct);
        return NoContent();
    }
}
