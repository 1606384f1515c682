using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;

namespace Multica.Application.Common.Behaviours;

/// <summary>Runs the request's FluentValidation validators; the first failure becomes 400 {"error": message}.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Marked requests were already validated before the access check.
        if (message is not IValidatedBeforeAccess)
            await ThrowIfInvalidAsync(_validators, message, cancellationToken);
        return await next(message, cancellationToken);
    }

    /// <summary>Runs the validators in order; the first failure is the 400's message.</summary>
    public static async ValueTask ThrowIfInvalidAsync(IReadOnlyList<IValidator<TMessage>> validators, TMessage message, CancellationToken ct)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, ct);
            if (!result.IsValid)
                throw new BadRequestException(result.Errors[0].ErrorMessage);
        }
    }
}
