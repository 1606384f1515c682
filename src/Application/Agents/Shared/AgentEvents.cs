using Multica.Application.Common.Realtime;
using Multica.Application.Actors;
using Multica.Application.Agents.Events;
using Multica.Application.Common.Interfaces;
using Multica.Application.Skills.Shared;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Agents.Shared;

/// <summary>
/// The agent:* events of the agent routes, to the agent's workspace, with the agent redacted (docs/realtime.md).
/// The task machinery's own agent:status (status following tasks) is published by the task events.
/// </summary>
public sealed class AgentEvents(IEventPublisher publisher)
{

    /// <summary>agent:created by the actor; a new agent that is already idle is also announced with agent:status by the system.</summary>
    public void AgentCreated(Agent agent, Actor actor)
    {
        var payload = new AgentPayload(AgentDto.From(agent, redact: true));
        publisher.Publish(new RealtimeEvent(EventTypes.AgentCreated, payload, agent.WorkspaceId, actor.Type, actor.Id));
        if (agent.Status == AgentStatus.Idle)
            publisher.Publish(new RealtimeEvent(EventTypes.AgentStatus, payload, agent.WorkspaceId, ActorType.System));
    }

    /// <summary>agent:status {agent} after an edit.</summary>
    public void AgentUpdated(Agent agent, Actor actor) => Publish(EventTypes.AgentStatus, agent, actor);

    public void AgentRestored(Agent agent, Actor actor) => Publish(EventTypes.AgentRestored, agent, actor);

    public void AgentArchived(Agent agent, Actor actor) => Publish(EventTypes.AgentArchived, agent, actor);

    /// <summary>agent:status {agent_id, skills} after the agent's skills were replaced.</summary>
    public void SkillsChanged(Agent agent, IReadOnlyList<SkillDto> skills, Actor actor) =>
        publisher.Publish(new RealtimeEvent(EventTypes.AgentStatus, new AgentSkillsPayload(agent.Id, skills), agent.WorkspaceId, actor.Type, actor.Id));

    private void Publish(string type, Agent agent, Actor actor) =>
        publisher.Publish(new RealtimeEvent(type, new AgentPayload(AgentDto.From(agent, redact: true)), agent.WorkspaceId, actor.Type, actor.Id));
}
