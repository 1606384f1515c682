using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Users;

/// <summary>A fresh 30-day JWT, so a cookie-authenticated browser can hand a bearer token to the CLI.</summary>
public sealed record CreateCliTokenCommand : ICommand<string>, IHumanOnly;

public sealed class CreateCliTokenHandler(ICallerContext caller, IUserRepository users, IJwtService jwt)
    : ICommandHandler<CreateCliTokenCommand, string>
{
    public async ValueTask<string> Handle(CreateCliTokenCommand command, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(caller.RequireUserId(), ct) ?? throw new NotFoundException("user not found");
        return jwt.Issue(user.Id, user.Email, user.Name);
    }
}
