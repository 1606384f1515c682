using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Application.Auth;

public sealed record SendCodeCommand(string? Email) : ICommand<SendCodeResult>
{
    public string NormalizedEmail => (Email ?? "").Trim().ToLowerInvariant();
}

public sealed record SendCodeResult(string Message);

public sealed class SendCodeValidator : AbstractValidator<SendCodeCommand>
{
    public SendCodeValidator()
    {
        RuleFor(x => x.NormalizedEmail).NotEmpty().WithMessage("email is required");
        RuleFor(x => x.NormalizedEmail).MaximumLength(254).WithMessage("email is too long");
    }
}

public sealed class SendCodeHandler(
    IUserRepository users,
    IVerificationCodeRepository codes,
    IVerificationCodeSender sender,
    SignupPolicy signup,
    TimeProvider time) : ICommandHandler<SendCodeCommand, SendCodeResult>
{
    private static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public async ValueTask<SendCodeResult> Handle(SendCodeCommand command, CancellationToken ct)
    {
        var email = command.NormalizedEmail;
        var now = time.GetUtcNow().UtcDateTime;
        if (await users.FindByEmailAsync(email, ct) is null && !signup.Allows(email))
            throw new ForbiddenException(SignupPolicy.RefusedMessage);

        var latest = await codes.FindLatestAsync(email, ct);
        if (latest is not null && now - latest.CreatedAt < ResendInterval)
            throw new TooManyRequestsException("please wait before requesting another code");

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        await codes.AddAsync(new VerificationCode
        {
            Email = email,
            Code = code,
            ExpiresAt = now + CodeLifetime,
            CreatedAt = now,
        }, ct);
        await sender.SendAsync(email, code, ct);
        await codes.PurgeExpiredAsync(now - TimeSpan.FromHours(1), ct);
        return new SendCodeResult("Verification code sent");
    }
}
