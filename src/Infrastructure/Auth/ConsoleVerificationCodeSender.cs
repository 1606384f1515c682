using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.Auth;

/// <summary>No mail provider configured: the code goes to standard output, as upstream's dev mode does.</summary>
public sealed class ConsoleVerificationCodeSender(ILogger<ConsoleVerificationCodeSender> logger) : IVerificationCodeSender
{
    public Task SendAsync(string email, string code, CancellationToken ct)
    {
        Console.WriteLine($"[DEV] Verification code for {email}: {code}");
        logger.LogInformation("verification code issued for {Email}", email);
        return Task.CompletedTask;
    }
}
