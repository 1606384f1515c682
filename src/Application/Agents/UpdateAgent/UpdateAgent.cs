using Multica.Application.Common.Validation;
using Multica.Application.Agents.Events;
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
using Multica.Application.Agents.Shared;

namespace Multica.Application.Agents.UpdateAgent;

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
    string? Status) : ICommand<AgentDto>, IWorkspaceMemberScoped, IAgentFields
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateAgentValidator : AbstractValidator<UpdateAgentCommand>
{
    public UpdateAgentValidator()
    {
        RuleFor(x => x.Name).NotBlankWhenGiven("name");
        RuleFor(x => x.Name).TrimmedAtMost(AgentRules.MaxNameLength, "name");
        RuleFor(x => x.RuntimeId).Must(r => r is null || Ids.IsValid(r)).WithMessage("invalid runtime_id");
        Include(new AgentProfileFieldsValidator());
        RuleFor(x => x.Status).Must(s => s is null || AgentStatus.All.Contains(s))
            .WithMessage("status must be one of: " + string.Join(", ", AgentStatus.All));
        Include(new AgentRunFieldsValidator());
    }
}

public sealed class UpdateAgentHandler(
    AgentAccess access,
    AccessScope scope,
    IActorResolver actors,
    IAgentRepository agents,
    IRuntimeRepository runtimes,
    AgentEvents events,
    TimeProvider time) : ICommandHandler<UpdateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(UpdateAgentCommand c, CancellationToken ct)
    {
        var agent = await access.RequireManageableAsync(c.AgentId, ct);
        if (c.RuntimeId is not null)
        {
            var runtime = await AgentFieldValues.RequireRuntimeAsync(runtimes, c.RuntimeId, agent.WorkspaceId, ct);
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
        if (AgentFieldValues.ObjectText(c.RuntimeConfig) is { } runtimeConfig)
            agent.RuntimeConfig = runtimeConfig;
        if (AgentFieldValues.ObjectText(c.CustomEnv) is { } customEnv)
            agent.CustomEnv = customEnv;
        if (c.CustomArgs is not null)
            agent.CustomArgs = JsonSerializer.Serialize(c.CustomArgs);
        if (c.McpConfig.IsSet)
            agent.McpConfig = AgentFieldValues.McpConfigText(c.McpConfig.Value);
        if (c.Visibility is not null)
            agent.Visibility = c.Visibility;
        if (c.MaxConcurrentTasks is > 0 and var max)
            agent.MaxConcurrentTasks = max;
        if (c.Model is not null)
            agent.Model = AgentFieldValues.ModelOrNull(c.Model);
        if (c.Status is not null)
            agent.Status = c.Status;
        agent.UpdatedAt = time.GetUtcNow().UtcDateTime;

        if (!await agents.UpdateAsync(agent, ct))
            throw new ConflictException(AgentRules.DuplicateName(agent.Name));

        var actor = await actors.ResolveAsync(scope.RequireWorkspaceId(), c.Actor, ct);
        events.AgentUpdated(agent, actor);
        return AgentDto.From(agent);
    }
}
