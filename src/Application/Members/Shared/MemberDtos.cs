using Multica.Application.Workspaces.ListMembers;
using Multica.Application.Workspaces;
using Multica.Domain.Entities;

namespace Multica.Application.Members.Shared;

public static class MemberDtos
{
    /// <summary>The member-with-user object of the members list.</summary>
    public static MemberDto From(Member m, User u) => new(m.Id, m.WorkspaceId, m.UserId, m.Role, m.CreatedAt, u.Name, u.Email, u.AvatarUrl);
}
