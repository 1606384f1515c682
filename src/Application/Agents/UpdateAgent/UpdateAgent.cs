using System.Text.Json;
using FluentValidation;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Runtimes;
using Multica.Domain.Constants;

namespace Multica.Application.Agents;

/// <summary>
/// PUT /api/agents/{id}: partial update of any create field plus status; "mcp_config": null clears it.
/// A rename onto an existing name is 409 (upstream answers 500).
/// </summary>
public sealed record UpdateAgentCommand(
    string WorkspaceId,
    string AgentId,
    ActorHints Actor,
    string? Name,
    string? RuntimeId,
    string? Description,
    string? Instructions,
    string? AvatarUrl,
    JsonElement? RuntimeConfig,
    JsonElement? CustomEnv,
    IReadOnlyList<string>? CustomArgs,
    Optional<JsonElement?> McpConfig,
    string? Visibility,
    int? MaxConcurrentTasks,
    string? Model,
    string? Status) : ICommand<AgentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateAgentValidator : AbstractValidator<UpdateAgentCommand>
{
    public UpdateAgentValidator()
    {
        RuleFor(x => x.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("name is required");
        RuleFor(x => x.Name).Must(n => n is null || n.Trim().Length <= AgentRules.MaxNameLength).WithMessage("name is too long");
        RuleFor(x => x.RuntimeId).Must(r => r is null || Ids.IsValid(r)).WithMessage("invalid runtime_id");
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= AgentRules.MaxTextLength).WithMessage("description is too long");
        RuleFor(x => x.Instructions).Must(d => d is null || d.Length <= AgentRules.MaxTextLength).WithMessage("instructions is too long");
        RuleFor(x => x.AvatarUrl).Must(d => d is null || d.Length <= 2048).WithMessage("avatar_url is too long");
        RuleFor(x => x.Visibility).Must(AgentRules.IsVisibility).WithMessage("visibility must be workspace or private");
        RuleFor(x => x.Status).Must(s => s is null || AgentStatus.All.Contains(s))
            .WithMessage("status must be one of: " + string.Join(", ", AgentStatus.All));
        RuleFor(x => x.MaxConcurrentTasks).Must(m => m is null or >= 0 and <= AgentRules.MaxConcurrentTasksLimit)
            .WithMessage($"max_concurrent_tasks must be between 0 and {AgentRules.MaxConcurrentTasksLimit}");
        RuleFor(x => x.CustomEnv).Must(AgentRules.IsStringMap).WithMessage("custom_env must be an object of strings");
        RuleFor(x => x.RuntimeConfig).Must(AgentRules.IsJsonObject).WithMessage("runtime_config must be an object");
        RuleFor(x => x.CustomArgs).Must(a => a is null || a.All(s => s is not null)).WithMessage("custom_args must be an array of strings");
        RuleFor(x => x.Model).Must(m => m is null || m.Length <= 255).WithMessage("model is too long");
    }
}

public sealed class UpdateAgentHandler(
    AgentAccess access,
    AccessScope scope,
    IActorResolver actors,
    IAgentRepository agents,
    IRuntimeRepository runtimes,
    IEventPublisher events,
    TimeProvider time) : ICommandHandler<UpdateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(UpdateAgentCommand c, CancellationToken ct)
    {
        var agent = await access.RequireManageableAsync(c.AgentId, ct);
        if (c.RuntimeId is not null)
        {
            var runtime = await runtimes.FindAsync(Ids.Parse(c.RuntimeId)!.Value, ct);
            if (runtime is null || runtime.WorkspaceId != agent.WorkspaceId)
                throw new BadRequestException("invalid runtime_id");
            agent.RuntimeId = runtime.Id;
            agent.RuntimeMode = runtime.RuntimeMode;
        }
        if (c.Name is not null)
            agent.Name = c.Name.Trim();
        if (c.Description is not null)
            agent.Description = c.Description;
        if (c.Instructions is not null)
            agent.Instructions = c.Instructions;
        if (c.AvatarUrl is not null)
            agent.AvatarUrl = c.AvatarUrl;
        if (c.RuntimeConfig is { ValueKind: JsonValueKind.Object } rc)
            agent.RuntimeConfig = rc.GetRawText();
        if (c.CustomEnv is { ValueKind: JsonValueKind.Object } env)
            agent.CustomEnv = env.GetRawText();
        if (c.CustomArgs is not null)
            agent.CustomArgs = JsonSerializer.Serialize(c.CustomArgs);
        if (c.McpConfig.IsSet)
            agent.McpConfig = c.McpConfig.Value is { ValueKind: not JsonValueKind.Null } mcp ? mcp.GetRawText() : null;
        if (c.Visibility is not null)
            agent.Visibility = c.Visibility;
        if (c.MaxConcurrentTasks is > 0 and var max)
            agent.MaxConcurrentTasks = max;
        if (c.Model is not null)
            agent.Model = c.Model.Length == 0 ? null : c.Model;
        if (c.Status is not null)
            agent.Status = c.Status;
        agent.UpdatedAt = time.GetUtcNow().UtcDateTime;

        if (!await agents.UpdateAsync(agent, ct))
            throw new ConflictException(AgentRules.DuplicateName(agent.Name));

        var actor = await actors.ResolveAsync(scope.RequireWorkspaceId(), c.Actor, ct);
        events.Publish(new RealtimeEvent("agent:status", new Dictionary<string, object?> { ["agent"] = AgentDto.From(agent, redact: true) },
            scope.RequireWorkspaceId(), actor.Type, actor.Id));
        return AgentDto.From(agent);
    }
}
