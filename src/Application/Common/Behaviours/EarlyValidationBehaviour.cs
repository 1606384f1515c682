using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.Common.Behaviours;

/// <summary>Runs before authorization, for requests marked <see cref="IValidatedBeforeAccess"/> only.</summary>
public sealed class EarlyValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidatedBeforeAccess)
            await ValidationBehaviour<TMessage, TResponse>.ThrowIfInvalidAsync(_validators, message, cancellationToken);
        return await next(message, cancellationToken);
    }
}
