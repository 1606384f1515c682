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
using Multica.Domain.Entities;
using Multica.Application.Agents.Shared;

namespace Multica.Application.Agents.CreateAgent;

/// <summary>POST /api/agents (docs/api.md).</summary>
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
    string? Model) : ICommand<AgentDto>, IWorkspaceMemberScoped, IAgentFields
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
        RuleFor(x => x.Name).TrimmedAtMost(AgentRules.MaxNameLength, "name");
        Include(new AgentProfileFieldsValidator());
        Include(new AgentRunFieldsValidator());
    }
}

public sealed class CreateAgentHandler(
    AccessScope scope,
    ICallerContext caller,
    IActorResolver actors,
    IAgentRepository agents,
    IRuntimeRepository runtimes,
    AgentEvents events,
    TimeProvider time) : ICommandHandler<CreateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(CreateAgentCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var workspaceId = scope.RequireWorkspaceId();
        var runtime = await AgentFieldValues.RequireRuntimeAsync(runtimes, command.RuntimeId!, workspaceId, ct);

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
            RuntimeConfig = AgentFieldValues.ObjectText(command.RuntimeConfig) ?? "{}",
            CustomEnv = AgentFieldValues.ObjectText(command.CustomEnv) ?? "{}",
            CustomArgs = JsonSerializer.Serialize(command.CustomArgs ?? []),
            McpConfig = AgentFieldValues.McpConfigText(command.McpConfig),
            Visibility = command.Visibility ?? AgentVisibility.Private,
            MaxConcurrentTasks = command.MaxConcurrentTasks is > 0 and var max ? max : AgentRules.DefaultMaxConcurrentTasks,
            Model = AgentFieldValues.ModelOrNull(command.Model),
            // An online runtime can take work right away; otherwise the column default (offline) stands.
            Status = runtime.Status == RuntimeStatus.Online ? AgentStatus.Idle : AgentStatus.Offline,
            OwnerId = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await agents.AddAsync(agent, ct))
            throw new ConflictException(AgentRules.DuplicateName(agent.Name));

        var actor = await actors.ResolveAsync(workspaceId, command.Actor, ct);
        events.AgentCreated(agent, actor);
        return AgentDto.From(agent);
    }
}
