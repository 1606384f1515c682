using Multica.Application.DaemonProtocol.Claiming.RecoverOrphans;
using Multica.Application.DaemonProtocol.Claiming.ListPendingTasks;
using Multica.Application.DaemonProtocol.Claiming.ClaimTask;
using Multica.Application.DaemonProtocol.Claiming.ClaimTasksBatch;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.Controllers;

/// <summary>Handing work to daemons: per-runtime and machine-level claims, the pending list, orphan recovery.</summary>
[Route("api/daemon")]
public sealed class DaemonTaskClaimController : ApiControllerBase
{
    [HttpPost("runtimes/{runtimeId}/tasks/claim")]
    public async Task<IActionResult> Claim(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ClaimTaskCommand(runtimeId), ct));

    [HttpGet("runtimes/{runtimeId}/tasks/pending")]
    public async Task<IActionResult> Pending(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListPendingTasksQuery(runtimeId), ct));

    [HttpPost("runtimes/{runtimeId}/recover-orphans")]
    public async Task<IActionResult> RecoverOrphans(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new RecoverOrphansCommand(runtimeId), ct));

    [HttpPost("tasks/claim")]
    [HttpPost("claim")]
    public async Task<IActionResult> ClaimBatch([FromBody] BatchClaimRequest body, CancellationToken ct) =>
        Ok(await Mediator.Send(body.ToCommand(), ct));
}
