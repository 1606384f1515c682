using System.Text.Json;
using FluentValidation;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Runtimes;
using Multica.Domain.Entities;

namespace Multica.Application.Agents.Shared;

/// <summary>The agent fields that create and update both take, with the same limits.</summary>
public interface IAgentFields
{
    string? Description { get; }
    string? Instructions { get; }
    string? AvatarUrl { get; }
    string? Visibility { get; }
    int? MaxConcurrentTasks { get; }
    JsonElement? CustomEnv { get; }
    JsonElement? RuntimeConfig { get; }
    IReadOnlyList<string>? CustomArgs { get; }
    string? Model { get; }
}

// Two groups rather than one because update checks status between them, and only the first
// failure is reported: the split keeps each endpoint's error order as it was.
// Internal, so the assembly scan does not register them on their own.

/// <summary>Profile fields: description, instructions, avatar, visibility.</summary>
internal sealed class AgentProfileFieldsValidator : AbstractValidator<IAgentFields>
{
    public AgentProfileFieldsValidator()
    {
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= AgentRules.MaxTextLength).WithMessage("description is too long");
        RuleFor(x => x.Instructions).Must(d => d is null || d.Length <= AgentRules.MaxTextLength).WithMessage("instructions is too long");
        RuleFor(x => x.AvatarUrl).Must(d => d is null || d.Length <= 2048).WithMessage("avatar_url is too long");
        RuleFor(x => x.Visibility).Must(AgentRules.IsVisibility).WithMessage("visibility must be workspace or private");
    }
}

/// <summary>Run settings: concurrency, env, runtime config, args, model.</summary>
internal sealed class AgentRunFieldsValidator : AbstractValidator<IAgentFields>
{
    public AgentRunFieldsValidator()
    {
        RuleFor(x => x.MaxConcurrentTasks).Must(m => m is null or >= 0 and <= AgentRules.MaxConcurrentTasksLimit)
            .WithMessage($"max_concurrent_tasks must be between 0 and {AgentRules.MaxConcurrentTasksLimit}");
        RuleFor(x => x.CustomEnv).Must(AgentRules.IsStringMap).WithMessage("custom_env must be an object of strings");
        RuleFor(x => x.RuntimeConfig).Must(AgentRules.IsJsonObject).WithMessage("runtime_config must be an object");
        RuleFor(x => x.CustomArgs).Must(a => a is null || a.All(s => s is not null)).WithMessage("custom_args must be an array of strings");
        RuleFor(x => x.Model).Must(m => m is null || m.Length <= 255).WithMessage("model is too long");
    }
}

/// <summary>How create and update turn the sent values into stored ones.</summary>
public static class AgentFieldValues
{
    /// <summary>The raw JSON of an object; null for anything else (the caller keeps its default or current value).</summary>
    public static string? ObjectText(JsonElement? value) => value is { ValueKind: JsonValueKind.Object } o ? o.GetRawText() : null;

    /// <summary>mcp_config: any JSON value is stored as sent; JSON null clears it.</summary>
    public static string? McpConfigText(JsonElement? value) => value is { ValueKind: not JsonValueKind.Null } mcp ? mcp.GetRawText() : null;

    /// <summary>"" means "no model".</summary>
    public static string? ModelOrNull(string? model) => string.IsNullOrEmpty(model) ? null : model;

    /// <summary>The runtime an agent is bound to must belong to the agent's workspace.</summary>
    public static async Task<AgentRuntime> RequireRuntimeAsync(IRuntimeRepository runtimes, string runtimeId, Guid workspaceId,
        CancellationToken ct)
    {
        var runtime = await runtimes.FindAsync(Ids.Parse(runtimeId)!.Value, ct);
        if (runtime is null || runtime.WorkspaceId != workspaceId)
            throw new BadRequestException("invalid runtime_id");
        return runtime;
    }
}
