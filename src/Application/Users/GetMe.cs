using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Users;

public sealed record GetMeQuery : IQuery<UserDto>;

public sealed class GetMeHandler(ICallerContext caller, IUserRepository users) : IQueryHandler<GetMeQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetMeQuery query, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(caller.RequireUserId(), ct) ?? throw new NotFoundException("user not found");
        return UserDto.From(user);
    }
}
