using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Options;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// MVC's model validation of an action's bound parameters, without the walk of a <see cref="CancellationToken"/>.
/// MVC validates every bound parameter, the request's cancellation token included, and its metadata claims validators
/// (a property of its wait handle is an implicit [Required]), so every action that takes one paid for a visit that
/// can find nothing: 2.35 % of a heartbeat's CPU (docs/benchmarks.md, fifteenth stop). Every other value is walked as
/// by MVC's own validator (the same visitor and options). Bodies whose properties are all optional (the hot routes')
/// are not walked by MVC either: their metadata has no validators, and the visitor stops at once.
/// </summary>
public sealed class ActionModelValidator(IModelMetadataProvider metadataProvider, IOptions<MvcOptions> options)
    : ObjectModelValidator(metadataProvider, options.Value.ModelValidatorProviders)
{
    private readonly MvcOptions _options = options.Value;

    public override void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string? prefix,
        object? model, ModelMetadata metadata, object? container)
    {
        if (metadata.ModelType == typeof(CancellationToken))
            return;
        base.Validate(actionContext, validationState, prefix, model, metadata, container);
    }

    public override ValidationVisitor GetValidationVisitor(ActionContext actionContext, IModelValidatorProvider validatorProvider,
        ValidatorCache validatorCache, IModelMetadataProvider metadataProvider, ValidationStateDictionary? validationState) =>
        new(actionContext, validatorProvider, validatorCache, metadataProvider, validationState)
        {
            MaxValidationDepth = _options.MaxValidationDepth,
            ValidateComplexTypesIfChildValidationFails = _options.ValidateComplexTypesIfChildValidationFails,
        };
}
