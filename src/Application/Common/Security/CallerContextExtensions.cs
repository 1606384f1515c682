using Multica.Application.Common.Errors;

namespace Multica.Application.Common.Security;

public static class CallerContextExtensions
{
    public static Guid RequireUserId(this ICallerContext context) =>
        context.Caller.UserId ?? throw new UnauthorizedException(ErrorMessages.UserNotAuthenticated);
}
