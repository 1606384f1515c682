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
        if (message is IValidatedBeforeAccess)
            return await next(message, cancellationToken);
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
                throw new BadRequestException(result.Errors[0].ErrorMessage);
        }
        return await next(message, cancellationToken);
    }
}
