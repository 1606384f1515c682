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
using Multica.Domain.Entities;

namespace Multica.Application.Agents;

/// <summary>POST /api/agents (control-plane.md §9).</summary>
public sealed record CreateAgentCommand(
    string WorkspaceId,
    ActorHints Actor,
    string? Name,
    string? RuntimeId,
    string? Description,
    string? Instructions,
    string? AvatarUrl,
    JsonElement? RuntimeConfig,
    JsonElement? CustomEnv,
    IReadOnlyList<string>? CustomArgs,
    JsonElement? McpConfig,
    string? Visibility,
    int? MaxConcurrentTasks,
    string? Model) : ICommand<AgentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateAgentValidator : AbstractValidator<CreateAgentCommand>
{
    public CreateAgentValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required")
            .DependentRules(() =>
                RuleFor(x => x.RuntimeId).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("runtime_id is required")
                    .DependentRules(() => RuleFor(x => x.RuntimeId).Must(Ids.IsValid).WithMessage("invalid runtime_id")));
        RuleFor(x => x.Name).Must(n => n is null || n.Trim().Length <= AgentRules.MaxNameLength).WithMessage("name is too long");
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= AgentRules.MaxTextLength).WithMessage("description is too long");
        RuleFor(x => x.Instructions).Must(d => d is null || d.Length <= AgentRules.MaxTextLength).WithMessage("instructions is too long");
        RuleFor(x => x.AvatarUrl).Must(d => d is null || d.Length <= 2048).WithMessage("avatar_url is too long");
        RuleFor(x => x.Visibility).Must(AgentRules.IsVisibility).WithMessage("visibility must be workspace or private");
        RuleFor(x => x.MaxConcurrentTasks).Must(m => m is null or >= 0 and <= AgentRules.MaxConcurrentTasksLimit)
            .WithMessage($"max_concurrent_tasks must be between 0 and {AgentRules.MaxConcurrentTasksLimit}");
        RuleFor(x => x.CustomEnv).Must(AgentRules.IsStringMap).WithMessage("custom_env must be an object of strings");
        RuleFor(x => x.RuntimeConfig).Must(AgentRules.IsJsonObject).WithMessage("runtime_config must be an object");
        RuleFor(x => x.CustomArgs).Must(a => a is null || a.All(s => s is not null)).WithMessage("custom_args must be an array of strings");
        RuleFor(x => x.Model).Must(m => m is null || m.Length <= 255).WithMessage("model is too long");
    }
}

public sealed class CreateAgentHandler(
    AccessScope scope,
    ICallerContext caller,
    IActorResolver actors,
    IAgentRepository agents,
    IRuntimeRepository runtimes,
    IEventPublisher events,
    TimeProvider time) : ICommandHandler<CreateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(CreateAgentCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var workspaceId = scope.RequireWorkspaceId();
        var runtime = await runtimes.FindAsync(Ids.Parse(command.RuntimeId)!.Value, ct);
        if (runtime is null || runtime.WorkspaceId != workspaceId)
            throw new BadRequestException("invalid runtime_id");

        var now = time.GetUtcNow().UtcDateTime;
        var agent = new Agent
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            Name = command.Name!.Trim(),
            RuntimeId = runtime.Id,
            RuntimeMode = runtime.RuntimeMode,
            Description = command.Description ?? "",
            Instructions = command.Instructions ?? "",
            AvatarUrl = command.AvatarUrl,
            RuntimeConfig = command.RuntimeConfig is { ValueKind: JsonValueKind.Object } rc ? rc.GetRawText() : "{}",
            CustomEnv = command.CustomEnv is { ValueKind: JsonValueKind.Object } env ? env.GetRawText() : "{}",
            CustomArgs = JsonSerializer.Serialize(command.CustomArgs ?? []),
            McpConfig = command.McpConfig is { ValueKind: not JsonValueKind.Null } mcp ? mcp.GetRawText() : null,
            Visibility = command.Visibility ?? AgentVisibility.Private,
            MaxConcurrentTasks = command.MaxConcurrentTasks is > 0 and var max ? max : AgentRules.DefaultMaxConcurrentTasks,
            Model = string.IsNullOrEmpty(command.Model) ? null : command.Model,
            // An online runtime can take work right away; otherwise the column default (offline) stands.
            Status = runtime.Status == RuntimeStatus.Online ? AgentStatus.Idle : AgentStatus.Offline,
            OwnerId = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await agents.AddAsync(agent, ct))
            throw new ConflictException(AgentRules.DuplicateName(agent.Name));

        var actor = await actors.ResolveAsync(workspaceId, command.Actor, ct);
        var redacted = AgentDto.From(agent, redact: true);
        events.Publish(new RealtimeEvent("agent:created", new Dictionary<string, object?> { ["agent"] = redacted },
            workspaceId, actor.Type, actor.Id));
        if (agent.Status == AgentStatus.Idle)
            events.Publish(new RealtimeEvent("agent:status", new Dictionary<string, object?> { ["agent"] = redacted },
                workspaceId, ActorType.System));
        return AgentDto.From(agent);
    }
}
