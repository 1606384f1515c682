using Multica.Domain.Entities;

namespace Multica.Application.Users;

/// <summary>The account created for an email signing in (or bootstrapped) for the first time.</summary>
public static class NewUser
{
    /// <summary>
    /// Named after the email's local part. The web app's onboarding flow is out of scope: new users start onboarded
    /// with the starter content dismissed.
    /// </summary>
    public static User ForEmail(string email, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Email = email,
        Name = email.Split('@')[0],
        CreatedAt = now,
        UpdatedAt = now,
        OnboardedAt = now,
        StarterContentState = "dismissed",
    };
}
