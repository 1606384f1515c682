using Multica.Application.Common;
using Multica.Application.Common.Errors;

namespace Multica.Application.Common;

/// <summary>
/// A body decoded by the controller but judged by the handler or a validator, so that the route's check
/// order (access and look-ups first) holds: an invalid body is a 400 only once the earlier checks passed.
/// This is the one way a request says "validate the body after the access check" (docs/architecture.md).
/// </summary>
public sealed record DeferredBody<T>(T? Value, bool IsValid) where T : class
{
    public static DeferredBody<T> Invalid { get; } = new(null, false);

    public T Require() => IsValid && Value is not null ? Value : throw new BadRequestException(ErrorMessages.InvalidRequestBody);
}
