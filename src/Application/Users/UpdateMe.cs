using Multica.Application.Common.Validation;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Users;

public sealed record UpdateMeCommand(string? Name, string? AvatarUrl) : ICommand<UserDto>;

public sealed class UpdateMeValidator : AbstractValidator<UpdateMeCommand>
{
    public UpdateMeValidator()
    {
        RuleFor(x => x.Name).NotBlankWhenGiven("name");
        RuleFor(x => x.Name).Must(n => n is null || n.Length <= 200).WithMessage("name is too long");
        RuleFor(x => x.AvatarUrl).Must(a => a is null || a.Length <= 2048).WithMessage("avatar_url is too long");
    }
}

public sealed class UpdateMeHandler(ICallerContext caller, IUserRepository users, TimeProvider time)
    : ICommandHandler<UpdateMeCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateMeCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        _ = await users.FindByIdAsync(userId, ct) ?? throw new NotFoundException("user not found");
        await users.UpdateProfileAsync(userId, command.Name?.Trim(), command.AvatarUrl?.Trim(), time.GetUtcNow().UtcDateTime, ct);
        var user = await users.FindByIdAsync(userId, ct) ?? throw new NotFoundException("user not found");
        return UserDto.From(user);
    }
}
