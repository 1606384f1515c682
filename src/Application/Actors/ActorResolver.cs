using Multica.Application.Agents;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Constants;

namespace Multica.Application.Actors;

/// <summary>The X-Agent-ID / X-Task-ID request headers, as sent (unvalidated).</summary>
public sealed record ActorHints(string? AgentId, string? TaskId)
{
    public static readonly ActorHints None = new(null, null);
}

/// <summary>Who an action is attributed to: a member (user id) or an agent (agent id, acting for a task).</summary>
public sealed record Actor(string Type, Guid Id, Guid? TaskId = null)
{
    public bool IsAgent => Type == ActorType.Agent;
    public bool IsMember => Type == ActorType.Member;
}

public interface IActorResolver
{
    Task<Actor> ResolveAsync(Guid workspaceId, ActorHints hints, CancellationToken ct);
}

/// <summary>
/// docs/api.md: a task token always acts as its agent; otherwise X-Agent-ID names an agent of
/// the workspace (and X-Task-ID, when sent, a task of that agent), and any failed check silently falls
/// back to the member.
/// </summary>
public sealed class ActorResolver(ICallerContext callerContext, IAgentRepository agents, ITaskReadRepository tasks) : IActorResolver
{
    public async Task<Actor> ResolveAsync(Guid workspaceId, ActorHints hints, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (caller is { IsTaskToken: true, TokenAgentId: { } tokenAgent })
            return new Actor(ActorType.Agent, tokenAgent, caller.TokenTaskId);

        var member = new Actor(ActorType.Member, callerContext.RequireUserId());
        if (Ids.Parse(hints.AgentId) is not { } agentId)
            return member;
        var agent = await agents.FindAsync(workspaceId, agentId, ct);
        if (agent is null)
            return member;
        if (string.IsNullOrWhiteSpace(hints.TaskId))
            return new Actor(ActorType.Agent, agent.Id);
        if (Ids.Parse(hints.TaskId) is not { } taskId)
            return member;
        var task = await tasks.FindAsync(taskId, ct);
        return task is not null && task.AgentId == agent.Id ? new Actor(ActorType.Agent, agent.Id, task.Id) : member;
    }
}
