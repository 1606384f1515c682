using Microsoft.AspNetCore.Mvc;
using Multica.Application.Members.MyInvitations;
using Multica.Application.Members.RespondToInvitation;

namespace Multica.WebApi.Controllers;

/// <summary>The invitee's side of invitations (no workspace selected).</summary>
[Route("api/invitations")]
public sealed class InvitationsController : ApiControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Mine(CancellationToken ct) => Ok(await Mediator.Send(new ListMyInvitationsQuery(), ct));

    [HttpGet("{invitationId}")]
    public async Task<IActionResult> Get(string invitationId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetMyInvitationQuery(invitationId), ct));

    [HttpPost("{invitationId}/accept")]
    public async Task<IActionResult> Accept(string invitationId, CancellationToken ct) =>
        Ok(await Mediator.Send(new AcceptInvitationCommand(invitationId), ct));

    [HttpPost("{invitationId}/decline")]
    public async Task<IActionResult> Decline(string invitationId, CancellationToken ct)
    {
        await Mediator.Send(new DeclineInvitationCommand(invitationId), ct);
        return NoContent();
    }
}
