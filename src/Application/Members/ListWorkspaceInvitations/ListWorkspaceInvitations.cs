using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;

namespace Multica.Application.Members.ListWorkspaceInvitations;

/// <summary>GET /api/workspaces/{id}/invitations: open invitations with their inviters, newest first.</summary>
public sealed record ListWorkspaceInvitationsQuery(string WorkspaceId) : IQuery<IReadOnlyList<InvitationDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListWorkspaceInvitationsHandler(AccessScope scope, IMemberRepository members, TimeProvider time)
    : IQueryHandler<ListWorkspaceInvitationsQuery, IReadOnlyList<InvitationDto>>
{
    public async ValueTask<IReadOnlyList<InvitationDto>> Handle(ListWorkspaceInvitationsQuery query, CancellationToken ct) =>
        (await members.ListOpenForWorkspaceAsync(scope.RequireWorkspaceId(), time.GetUtcNow().UtcDateTime, ct))
        .Select(r => InvitationDto.From(r.Invitation, r.Inviter.Name, r.Inviter.Email)).ToList();
}
