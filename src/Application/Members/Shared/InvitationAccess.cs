using Multica.Domain.Constants;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Members.Shared;

/// <summary>The invitee's side: an invitation is theirs when addressed to their user id or their e-mail.</summary>
public sealed class InvitationAccess(ICallerContext caller, IMemberRepository members)
{
    public const string NotFound = "invitation not found";

    public async Task<(WorkspaceInvitation Invitation, User User)> RequireOwnAsync(string invitationId, CancellationToken ct)
    {
        var invitation = (Ids.Parse(invitationId) is { } id ? await members.FindInvitationAsync(id, ct) : null)
            ?? throw new NotFoundException(NotFound);
        var user = await members.FindUserAsync(caller.RequireUserId(), ct) ?? throw new UnauthorizedException(ErrorMessages.UserNotAuthenticated);
        if (!string.Equals(user.Email, invitation.InviteeEmail, StringComparison.OrdinalIgnoreCase) && invitation.InviteeUserId != user.Id)
            throw new ForbiddenException("invitation does not belong to you");
        return (invitation, user);
    }
}
