using Multica.Application.Agents.Events;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Agents.Shared;

namespace Multica.Application.Agents.RestoreAgent;

/// <summary>POST /api/agents/{id}/restore.</summary>
public sealed record RestoreAgentCommand(string WorkspaceId, string AgentId, ActorHints Actor) : ICommand<AgentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class RestoreAgentHandler(
    AgentAccess access,
    IActorResolver actors,
    IAgentRepository agents,
    AgentEvents events,
    TimeProvider time) : ICommandHandler<RestoreAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(RestoreAgentCommand command, CancellationToken ct)
    {
        var agent = await access.RequireManageableAsync(command.AgentId, ct);
        if (agent.ArchivedAt is null)
            throw new ConflictException("agent is not archived");
        agent.ArchivedAt = null;
        agent.ArchivedBy = null;
        agent.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await agents.UpdateAsync(agent, ct);
        var actor = await actors.ResolveAsync(agent.WorkspaceId, command.Actor, ct);
        events.AgentRestored(agent, actor);
        return AgentDto.From(agent);
    }
}
