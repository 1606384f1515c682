namespace Multica.Domain.Constants;

public static class InvitationStatus
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";

    public static readonly string[] All = [Pending, Accepted, Declined, Expired];

    /// <summary>How long an invitation stays open.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
}
