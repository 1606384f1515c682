using Multica.Application.DaemonProtocol.GcChecks;
using Multica.Application.DaemonProtocol.GcChecks.IssueGcCheck;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.Controllers;

/// <summary>The daemon's work-directory collector asks whether an issue, chat session or autopilot run is finished (task and workspace probes live with their resources).</summary>
[Route("api/daemon")]
public sealed class DaemonGcChecksController : ApiControllerBase
{
    [HttpGet("issues/{issueId}/gc-check")]
    public async Task<IActionResult> GcCheck(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new IssueGcCheckQuery(issueId), ct));

    [HttpGet("chat-sessions/{sessionId}/gc-check")]
    public async Task<IActionResult> ChatSessionGcCheck(string sessionId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ChatSessionGcCheckQuery(sessionId), ct));

    [HttpGet("autopilot-runs/{runId}/gc-check")]
    public async Task<IActionResult> AutopilotRunGcCheck(string runId, CancellationToken ct) =>
        Ok(await Mediator.Send(new AutopilotRunGcCheckQuery(runId), ct));
}
