using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Users;

namespace Multica.Application.Auth;

/// <summary>
/// Whether a new e-mail may sign up: never at the warm-up accounts' domain; otherwise an allow-listed e-mail or domain
/// wins, and any allow-list refuses the rest.
/// </summary>
public sealed class SignupPolicy(IOptions<AuthOptions> options)
{
    public const string RefusedMessage = "user registration is disabled on this self-hosted instance";

    public bool Allows(string email)
    {
        // Reserved for the warm-up's throwaway accounts, which a later warm-up removes.
        if (WarmupAccounts.Owns(email))
            return false;
        var o = options.Value;
        var emails = Split(o.AllowedEmails);
        var domains = Split(o.AllowedEmailDomains);
        if (emails.Contains(email, StringComparer.OrdinalIgnoreCase))
            return true;
        var at = email.LastIndexOf('@');
        var domain = at >= 0 ? email[(at + 1)..] : "";
        if (domains.Contains(domain, StringComparer.OrdinalIgnoreCase))
            return true;
        if (emails.Length > 0 || domains.Length > 0)
            return false;
        return o.AllowSignup;
    }

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
