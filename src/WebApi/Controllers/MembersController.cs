using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Members.CreateInvitation;
using Multica.Application.Members.DeleteWorkspace;
using Multica.Application.Members.LeaveWorkspace;
using Multica.Application.Members.ListWorkspaceInvitations;
using Multica.Application.Members.RemoveMember;
using Multica.Application.Members.RevokeInvitation;
using Multica.Application.Members.UpdateMember;

namespace Multica.WebApi.Controllers;

/// <summary>Who belongs to a workspace: invitations, roles, removal, leaving, and deleting the workspace.</summary>
[Route("api/workspaces/{workspaceId}")]
public sealed class MembersController : ApiControllerBase
{
    public sealed record InviteBody(string? Email, string? Role);

    public sealed record UpdateMemberBody(string? Role);

    [HttpPost("members")]
    public async Task<IActionResult> Invite(string workspaceId, [FromBody] InviteBody body, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateInvitationCommand(workspaceId, body.Email, body.Role), ct));

    [HttpPatch("members/{memberId}")]
    public async Task<IActionResult> UpdateMember(string workspaceId, string memberId, [FromBody] UpdateMemberBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateMemberCommand(workspaceId, memberId, body.Role), ct));

    [HttpDelete("members/{memberId}")]
    public async Task<IActionResult> RemoveMember(string workspaceId, string memberId, CancellationToken ct)
    {
        await Mediator.Send(new RemoveMemberCommand(workspaceId, memberId), ct);
        return NoContent();
    }

    [HttpPost("leave")]
    public async Task<IActionResult> Leave(string workspaceId, CancellationToken ct)
    {
        await Mediator.Send(new LeaveWorkspaceCommand(workspaceId), ct);
        return NoContent();
    }

    [HttpGet("invitations")]
    public async Task<IActionResult> Invitations(string workspaceId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListWorkspaceInvitationsQuery(workspaceId), ct));

    [HttpDelete("invitations/{invitationId}")]
    public async Task<IActionResult> Revoke(string workspaceId, string invitationId, CancellationToken ct)
    {
        await Mediator.Send(new RevokeInvitationCommand(workspaceId, invitationId), ct);
        return NoContent();
    }

    [HttpDelete("")]
    public async Task<IActionResult> DeleteWorkspace(string workspaceId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteWorkspaceCommand(workspaceId), ct);
        return NoContent();
    }
}
