using Microsoft.AspNetCore.Mvc;
using Multica.Application.PendingRequests.LocalSkillImport;
using Multica.Application.PendingRequests.LocalSkillList;
using Multica.Application.PendingRequests.ModelList;
using Multica.Application.PendingRequests.RuntimeUpdate;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Controllers;

/// <summary>User-side initiators and polls of heartbeat-delivered requests (docs/api.md).</summary>
[Route("api/runtimes/{runtimeId}")]
public sealed class RuntimePendingRequestsController : ApiControllerBase
{
    [HttpPost("update")]
    public async Task<IActionResult> CreateUpdate(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CreateRuntimeUpdateCommand(await SelectedWorkspaceIdAsync(), runtimeId,
            await DeferredBodyReader.ReadAsync<CreateRuntimeUpdateBody>(Request, ct)), ct));

    [HttpGet("update/{updateId}")]
    public async Task<IActionResult> GetUpdate(string runtimeId, string updateId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetRuntimeUpdateQuery(await SelectedWorkspaceIdAsync(), runtimeId, updateId), ct));

    [HttpPost("models")]
    public async Task<IActionResult> CreateModelList(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CreateModelListCommand(await SelectedWorkspaceIdAsync(), runtimeId), ct));

    [HttpGet("models/{requestId}")]
    public async Task<IActionResult> GetModelList(string runtimeId, string requestId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetModelListQuery(await SelectedWorkspaceIdAsync(), runtimeId, requestId), ct));

    [HttpPost("local-skills")]
    public async Task<IActionResult> CreateLocalSkillList(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CreateLocalSkillListCommand(await SelectedWorkspaceIdAsync(), runtimeId), ct));

    // The static segment "import" wins over {requestId} for POST; GET …/local-skills/import is a list lookup of id "import" (404).
    [HttpPost("local-skills/import")]
    public async Task<IActionResult> CreateLocalSkillImport(string runtimeId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CreateLocalSkillImportCommand(await SelectedWorkspaceIdAsync(), runtimeId,
            await DeferredBodyReader.ReadAsync<CreateLocalSkillImportBody>(Request, ct)), ct));

    [HttpGet("local-skills/import/{requestId}")]
    public async Task<IActionResult> GetLocalSkillImport(string runtimeId, string requestId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetLocalSkillImportQuery(await SelectedWorkspaceIdAsync(), runtimeId, requestId), ct));

    [HttpGet("local-skills/{requestId}")]
    public async Task<IActionResult> GetLocalSkillList(string runtimeId, string requestId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetLocalSkillListQuery(await SelectedWorkspaceIdAsync(), runtimeId, requestId), ct));
}
