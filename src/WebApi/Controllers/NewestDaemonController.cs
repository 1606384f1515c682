using Microsoft.AspNetCore.Mvc;
using Multica.Application.Common.Errors;
using Multica.Application.NewestDaemon.CancelAck;
using Multica.Application.NewestDaemon.DaemonWorkspaces;
using Multica.Application.NewestDaemon.GcCheck;
using Multica.Application.NewestDaemon.LocalDirectory;
using Multica.Application.NewestDaemon.PrepareLease;
using Multica.Application.NewestDaemon.RuntimeProfiles;
using Multica.Application.NewestDaemon.SkillBundles;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Controllers;

/// <summary>The /api/daemon routes the newest daemons added (daemon-api-newest.md §4), except the claims.</summary>
[Route("api/daemon")]
public sealed class NewestDaemonController : ApiControllerBase
{
    [HttpGet("workspaces")]
    [ProducesResponseType<IReadOnlyList<Multica.Application.NewestDaemon.DaemonWorkspaces.DaemonWorkspaceDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Workspaces(CancellationToken ct)
    {
        var result = await Mediator.Send(new ListDaemonWorkspacesQuery(), ct);
        Response.Headers.ETag = result.ETag;
        Response.Headers.CacheControl = "private, no-cache";
        if (Request.Headers.IfNoneMatch.Any(v => v == result.ETag))
            return StatusCode(StatusCodes.Status304NotModified);
        return Ok(result.Workspaces);
    }

    [HttpGet("workspaces/{workspaceId}/runtime-profiles")]
    public async Task<IActionResult> RuntimeProfiles(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListRuntimeProfilesQuery(RequireUuid(workspaceId.Trim(), "invalid workspace id")), ct));

    [HttpPost("workspaces/{workspaceId}/issues/gc-check")]
    public async Task<IActionResult> IssuesGcCheck(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new IssuesGcCheckQuery(RequireUuid(workspaceId, "invalid workspace_id"),
            await DeferredBodyReader.ReadAsync<IssuesGcCheckBody>(Request, ct, maxBytes: 64 * 1024)), ct));

    [HttpPost("runtimes/{runtimeId}/tasks/{taskId}/prepare-lease")]
    public async Task<IActionResult> PrepareLease(string runtimeId, string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ExtendPrepareLeaseCommand(runtimeId, taskId), ct));

    [HttpPost("runtimes/{runtimeId}/tasks/{taskId}/skill-bundles/resolve")]
    public async Task<IActionResult> ResolveSkillBundles(string runtimeId, string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ResolveSkillBundlesCommand(runtimeId, taskId,
            await DeferredBodyReader.ReadAsync<ResolveSkillBundlesBody>(Request, ct)), ct));

    [HttpPost("tasks/{taskId}/wait-local-directory")]
    public async Task<IActionResult> WaitLocalDirectory(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new WaitLocalDirectoryCommand(taskId,
            await DeferredBodyReader.ReadAsync<WaitLocalDirectoryBody>(Request, ct, emptyIsValid: true)), ct));

    [HttpPost("tasks/{taskId}/cancel-ack")]
    public async Task<IActionResult> CancelAck(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new AcknowledgeCancelCommand(taskId,
            await DeferredBodyReader.ReadAsync<CancelAckBody>(Request, ct, emptyIsValid: true)), ct));

    [HttpGet("chat-sessions/{sessionId}/gc-check")]
    public async Task<IActionResult> ChatSessionGcCheck(string sessionId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ChatSessionGcCheckQuery(sessionId), ct));

    [HttpGet("autopilot-runs/{runId}/gc-check")]
    public async Task<IActionResult> AutopilotRunGcCheck(string runId, CancellationToken ct) =>
        Ok(await Mediator.Send(new AutopilotRunGcCheckQuery(runId), ct));

    [HttpGet("tasks/{taskId}/gc-check")]
    public async Task<IActionResult> TaskGcCheck(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new TaskGcCheckQuery(taskId), ct));

    /// <summary>Newer upstream validates these ids up front (400); the daemon only sends ids it got from us.</summary>
    private static string RequireUuid(string value, string error) =>
        Guid.TryParse(value, out _) ? value : throw new BadRequestException(error);
}
