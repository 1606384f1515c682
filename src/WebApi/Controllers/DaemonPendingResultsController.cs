using Microsoft.AspNetCore.Mvc;
using Multica.Application.PendingRequests.LocalSkillImport;
using Multica.Application.PendingRequests.LocalSkillList;
using Multica.Application.PendingRequests.ModelList;
using Multica.Application.PendingRequests.RuntimeUpdate;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Controllers;

/// <summary>The daemon's result reports for heartbeat-delivered requests (daemon-api.md §4.8–4.11).</summary>
[Route("api/daemon/runtimes/{runtimeId}")]
public sealed class DaemonPendingResultsController : ApiControllerBase
{
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
