using Multica.Application.Common.Errors;
using Multica.Domain.Constants;

namespace Multica.Application.Members.Shared;

/// <summary>Role rules of membership changes.</summary>
public static class MemberRules
{
    public const string MemberNotFound = "member not found";
    public const string LastOwner = "workspace must have at least one owner";
    public const string InvalidRole = "invalid member role";

    /// <summary>Empty means member; otherwise owner, admin or member (trimmed). Null when invalid.</summary>
    public static string? NormalizeRole(string? role) =>
        string.IsNullOrEmpty(role) ? MemberRole.Member : MemberRole.All.Contains(role.Trim()) ? role.Trim() : null;

    /// <summary>An owner may only stop being one (demoted, removed, leaving) while another owner remains.</summary>
    public static async Task EnsureAnotherOwnerAsync(IMemberRepository members, Guid workspaceId, CancellationToken ct)
    {
        if (await members.CountOwnersAsync(workspaceId, ct) <= 1)
            throw new BadRequestException(LastOwner);
    }
}
