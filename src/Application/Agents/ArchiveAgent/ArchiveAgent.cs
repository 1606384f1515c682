using Multica.Application.Agents.Events;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Application.Agents.Shared;

namespace Multica.Application.Agents.ArchiveAgent;

/// <summary>POST /api/agents/{id}/archive: soft delete, and every active task of the agent is cancelled.</summary>
public sealed record ArchiveAgentCommand(string WorkspaceId, string AgentId, ActorHints Actor) : ICommand<AgentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ArchiveAgentHandler(
    AgentAccess access,
    ICallerContext caller,
    IActorResolver actors,
    IAgentRepository agents,
    ITaskCancellationService cancellation,
    ITransactionRunner transactions,
    AgentEvents events,
    TimeProvider time) : ICommandHandler<ArchiveAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(ArchiveAgentCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var agent = await access.RequireManageableAsync(command.AgentId, ct);
        if (agent.ArchivedAt is not null)
            throw new ConflictException("agent is already archived");
        var now = time.GetUtcNow().UtcDateTime;
        agent.ArchivedAt = now;
        agent.ArchivedBy = userId;
        agent.UpdatedAt = now;
        await transactions.RunAsync(async token =>
        {
            await agents.UpdateAsync(agent, token);
            await cancellation.CancelActiveTasksForAgentAsync(agent.Id, token);
            return true;
        }, ct);

        var actor = await actors.ResolveAsync(agent.WorkspaceId, command.Actor, ct);
        events.AgentArchived(agent, actor);
        return AgentDto.From(agent);
    }
}
