using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.Workspaces.ListMembers;

public sealed record MemberDto(Guid Id, Guid WorkspaceId, Guid UserId, string Role, DateTime CreatedAt, string Name, string Email, string? AvatarUrl);

/// <summary>GET /api/workspaces/{id}/members: oldest membership first.</summary>
public sealed record ListMembersQuery(string WorkspaceId) : IQuery<IReadOnlyList<MemberDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListMembersHandler(AccessScope scope, IWorkspaceSettingsRepository repository)
    : IQueryHandler<ListMembersQuery, IReadOnlyList<MemberDto>>
{
    public async ValueTask<IReadOnlyList<MemberDto>> Handle(ListMembersQuery query, CancellationToken ct)
    {
        var rows = await repository.ListMembersAsync(scope.RequireWorkspaceId(), ct);
        return rows.Select(r => new MemberDto(r.Member.Id, r.Member.WorkspaceId, r.Member.UserId, r.Member.Role,
            r.Member.CreatedAt, r.User.Name, r.User.Email, r.User.AvatarUrl)).ToList();
    }
}
