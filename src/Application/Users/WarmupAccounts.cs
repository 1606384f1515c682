using Multica.Domain.Entities;

namespace Multica.Application.Users;

/// <summary>
/// The throwaway accounts of the warm-up at start (docs/operations.md, "Warm-up at start"): created directly, never
/// through sign-in, and removed by the pass that made them or, if its node died, by a later pass. Their domain is
/// reserved: nobody signs up with it (<see cref="Auth.SignupPolicy"/>), so no one else's account is ever taken for one.
/// </summary>
public static class WarmupAccounts
{
    /// <summary><c>.invalid</c> is a reserved top-level domain: no mail can reach it.</summary>
    public const string EmailDomain = "@warmup.multica.invalid";

    public static bool Owns(string email) => email.EndsWith(EmailDomain, StringComparison.OrdinalIgnoreCase);

    public static User New(DateTime now) => NewUser.ForEmail($"warmup-{Guid.NewGuid():N}{EmailDomain}", now);
}
