using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Users;
using Multica.Domain.Entities;

namespace Multica.Application.Auth;

public sealed record VerifyCodeCommand(string? Email, string? Code) : ICommand<VerifyCodeResult>
{
    public string NormalizedEmail => (Email ?? "").Trim().ToLowerInvariant();
    public string NormalizedCode => (Code ?? "").Trim();
}

public sealed record VerifyCodeResult(string Token, UserDto User);

public sealed class VerifyCodeValidator : AbstractValidator<VerifyCodeCommand>
{
    public VerifyCodeValidator()
    {
        RuleFor(x => x).Must(x => x.NormalizedEmail.Length > 0 && x.NormalizedCode.Length > 0)
            .WithMessage("email and code are required");
    }
}

public sealed class VerifyCodeHandler(
    IUserRepository users,
    IVerificationCodeRepository codes,
    IJwtService jwt,
    SignupPolicy signup,
    IOptions<AuthOptions> options,
    TimeProvider time) : ICommandHandler<VerifyCodeCommand, VerifyCodeResult>
{
    private const int MaxAttempts = 5;
    private const string InvalidCode = "invalid or expired code";

    public async ValueTask<VerifyCodeResult> Handle(VerifyCodeCommand command, CancellationToken ct)
    {
        var email = command.NormalizedEmail;
        var now = time.GetUtcNow().UtcDateTime;
        var live = await codes.FindLiveAsync(email, now, MaxAttempts, ct) ?? throw new BadRequestException(InvalidCode);

        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(live.Code), Encoding.UTF8.GetBytes(command.NormalizedCode));
        var master = !options.Value.IsProduction && command.NormalizedCode == AuthOptions.MasterCode;
        if (!matches && !master)
        {
            await codes.IncrementAttemptsAsync(live.Id, ct);
            throw new BadRequestException(InvalidCode);
        }
        if (!await codes.MarkUsedAsync(live.Id, ct))
            throw new BadRequestException(InvalidCode);

        var user = await users.FindByEmailAsync(email, ct);
        if (user is null)
        {
            if (!signup.Allows(email))
                throw new ForbiddenException(SignupPolicy.RefusedMessage);
            user = await users.CreateOrGetAsync(NewUser.ForEmail(email, now), ct);
        }

        return new VerifyCodeResult(jwt.Issue(user.Id, user.Email, user.Name), UserDto.From(user));
    }
}
