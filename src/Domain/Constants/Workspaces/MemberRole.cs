namespace Multica.Domain.Constants;

public static class MemberRole
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
    public static readonly string[] All = [Owner, Admin, Member];

    /// <summary>Owners and admins may manage what other members own (agents, skills, runtimes, comments).</summary>
    public static bool IsOwnerOrAdmin(string? role) => role is Owner or Admin;
}
