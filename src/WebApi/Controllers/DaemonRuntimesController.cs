using Multica.Application.DaemonProtocol.Claiming.RecoverOrphans;
using Multica.Application.DaemonProtocol.Claiming.ListPendingTasks;
using Multica.Application.DaemonProtocol.Claiming.ClaimTask;
using Multica.Application.DaemonProtocol.TaskRuns.ExtendPrepareLease;
using Multica.Application.DaemonProtocol.TaskRuns.ResolveSkillBundles;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.PendingRequests.LocalSkillImport;
using Multica.Application.PendingRequests.LocalSkillList;
using Multica.Application.PendingRequests.ModelList;
using Multica.Application.PendingRequests.RuntimeUpdate;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Controllers;

/// <summary>
/// Every /api/daemon/runtimes/{runtimeId} route: claims, the pending list, orphan recovery, task preparation,
/// and the result reports of heartbeat-delivered requests (docs/daemon-protocol.md, docs/pending-requests.md).
/// </summary>
[Route("api/daemon/runtimes/{runtimeId}")]
public sealed class DaemonRuntimesController : ApiControllerBase
{
    [HttpPost("tasks/claim")]
    public async Task<IActionResult> Claim(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ClaimTaskCommand(runtimeId), ct));

    [HttpGet("tasks/pending")]
    public async Task<IActionResult> Pending(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListPendingTasksQuery(runtimeId), ct));

    [HttpPost("recover-orphans")]
    public async Task<IActionResult> RecoverOrphans(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new RecoverOrphansCommand(runtimeId), ct));

    [HttpPost("tasks/{taskId}/prepare-lease")]
    public async Task<IActionResult> PrepareLease(string runtimeId, string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ExtendPrepareLeaseCommand(runtimeId, taskId), ct));

    [HttpPost("tasks/{taskId}/skill-bundles/resolve")]
    public async Task<IActionResult> ResolveSkillBundles(string runtimeId, string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ResolveSkillBundlesCommand(runtimeId, taskId,
            await DeferredBodyReader.ReadAsync<ResolveSkillBundlesBody>(Request, ct)), ct));

    [HttpPost("update/{updateId}/result")]
    public async Task<IActionResult> UpdateResult(string runtimeId, string updateId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportRuntimeUpdateResultCommand(runtimeId, updateId,
            await DeferredBodyReader.ReadAsync<RuntimeUpdateResultBody>(Request, ct)), ct));

    [HttpPost("models/{requestId}/result")]
    public async Task<IActionResult> ModelListResult(string runtimeId, string requestId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportModelListResultCommand(runtimeId, requestId,
            await DeferredBodyReader.ReadAsync<ModelListResultBody>(Request, ct)), ct));

    [HttpPost("local-skills/import/{requestId}/result")]
    public async Task<IActionResult> LocalSkillImportResult(string runtimeId, string requestId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportLocalSkillImportResultCommand(runtimeId, requestId,
            await DeferredBodyReader.ReadAsync<LocalSkillImportResultBody>(Request, ct)), ct));

    [HttpPost("local-skills/{requestId}/result")]
    public async Task<IActionResult> LocalSkillListResult(string runtimeId, string requestId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportLocalSkillListResultCommand(runtimeId, requestId,
            await DeferredBodyReader.ReadAsync<LocalSkillListResultBody>(Request, ct)), ct));
}
