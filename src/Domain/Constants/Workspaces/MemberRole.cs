namespace Multica.Domain.Constants;

public static class MemberRole
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
    public static readonly string[] All = [Owner, Admin, Member];

    /// <summary>The roles that manage the workspace: its settings, members, invitations and daemon tokens.</summary>
    public static readonly IReadOnlyCollection<string> Managers = [Owner, Admin];

    /// <summary>Owners and admins may manage what other members own (agents, skills, runtimes, comments).</summary>
    public static bool IsOwnerOrAdmin(string? role) => role is not null && Managers.Contains(role);
}
