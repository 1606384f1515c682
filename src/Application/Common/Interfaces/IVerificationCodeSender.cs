namespace Multica.Application.Common.Interfaces;

/// <summary>Delivers a sign-in code (e-mail in production; the console in development).</summary>
public interface IVerificationCodeSender
{
    Task SendAsync(string email, string code, CancellationToken ct);
}
