using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Options;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// MVC's model validation of an action's bound parameters, without the walks that can find nothing. MVC walks every
/// bound value: a body whose type has no validators (no validation attribute, no implicit [Required], no
/// <c>IValidatableObject</c> anywhere in it: the hot routes' bodies) is visited node by node to check only the implicit
/// [Required] of its non-nullable parameter, which a bound body satisfies, and the request's cancellation token, whose
/// metadata claims validators (a property of its wait handle is an implicit [Required]), is visited on every request:
/// 2–3 % of a heartbeat's CPU (docs/benchmarks.md, fifteenth stop). Every other value is walked as by MVC's own
/// validator (the same visitor and options). Requests are validated by FluentValidation in the mediator pipeline; a
/// body that does not bind is refused before this runs.
/// </summary>
public sealed class ActionModelValidator(IModelMetadataProvider metadataProvider, IOptions<MvcOptions> options)
    : ObjectModelValidator(metadataProvider, options.Value.ModelValidatorProviders)
{
    private readonly IModelMetadataProvider _metadataProvider = metadataProvider;
    private readonly MvcOptions _options = options.Value;

    /// <summary>
    /// Whether MVC's walk has anything to do for a bound value: find an error, or mark valid what binding recorded
    /// under its key (a query or route value's entry stays "unvalidated", and the request invalid, until the walk
    /// marks it; one already marked needs nothing more). A body bound to a non-nullable parameter carries an implicit
    /// [Required], which its value satisfies; a body leaves no model-state entry; a cancellation token's binder asks
    /// for no validation.
    /// </summary>
    public static bool Walks(IModelMetadataProvider metadataProvider, ModelMetadata metadata, object? model,
        ModelStateDictionary modelState, string? prefix)
    {
        if (metadata.ModelType == typeof(CancellationToken))
            return false;
        if (model is null || !metadata.IsComplexType)
            return true;
        // By index: this runs for every bound value of every request, and a list's enumerator would be boxed.
        var attributes = metadata.ValidatorMetadata;
        for (var i = 0; i < attributes.Count; i++)
            if (attributes[i] is not RequiredAttribute)
                return true;
        if (metadataProvider.GetMetadataForType(metadata.ModelType).HasValidators != false)
            return true;
        // A value bound before the body (a route's task id, say) has been marked valid by its own walk already.
        foreach (var entry in modelState.FindKeysWithPrefix(prefix ?? ""))
            if (entry.Value.ValidationState is ModelValidationState.Unvalidated or ModelValidationState.Invalid)
                return true;
        return false;
    }

    public override void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string? prefix,
        object? model, ModelMetadata metadata, object? container)
    {
        if (Walks(_metadataProvider, metadata, model, actionContext.ModelState, prefix))
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
