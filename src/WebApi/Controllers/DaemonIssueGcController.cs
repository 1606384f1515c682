using Multica.Application.DaemonProtocol.GcChecks.IssueGcCheck;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.Controllers;

/// <summary>The daemon's work-directory collector asks whether an issue is finished.</summary>
[Route("api/daemon/issues")]
public sealed class DaemonIssueGcController : ApiControllerBase
{
    [HttpGet("{issueId}/gc-check")]
    public async Task<IActionResult> GcCheck(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new IssueGcCheckQuery(issueId), ct));
}
