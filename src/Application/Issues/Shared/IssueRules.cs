using Multica.Application.Agents;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Issues.Shared;

public static class IssueRules
{
    public const int MaxTitleLength = 1000;
    public const int MaxDescriptionLength = 1_000_000;
    public const int MaxParentDepth = 10;

    public static bool IsStatus(string? s) => s is null || IssueStatus.All.Contains(s);
    public static bool IsPriority(string? p) => p is null || IssuePriority.All.Contains(p);
    public static bool IsAssigneeType(string? t) => t is null || t is ActorType.Member or ActorType.Agent;

    public static readonly string StatusMessage = "invalid status; expected one of: " + string.Join(", ", IssueStatus.All);
    public static readonly string PriorityMessage = "invalid priority; expected one of: " + string.Join(", ", IssuePriority.All);
    public const string AssigneeTypeMessage = "invalid assignee_type; expected member or agent";

    /// <summary>
    /// Assigning an agent (docs/api.md): it must be an agent of the workspace, not
    /// archived, and a private one only by its owner or a workspace owner/admin. Returns the agent.
    /// </summary>
    public static async Task<Agent> RequireAssignableAgentAsync(IAgentRepository agents, Guid workspaceId, Guid agentId,
        Guid userId, Member? member, CancellationToken ct)
    {
        var agent = await agents.FindAsync(workspaceId, agentId, ct) ?? throw new ForbiddenException("agent not found");
        if (agent.ArchivedAt is not null)
            throw new ForbiddenException("cannot assign to archived agent");
        if (agent.Visibility == AgentVisibility.Private && agent.OwnerId != userId &&
            !MemberRole.IsOwnerOrAdmin(member?.Role))
            throw new ForbiddenException("cannot assign to private agent");
        return agent;
    }

    /// <summary>
    /// "Agent ready" (docs/lifecycle.md): assigned to an agent that exists in the workspace and is
    /// not archived. Returns the agent, or null.
    /// </summary>
    public static async Task<Agent?> ReadyAgentAsync(IAgentRepository agents, Issue issue, CancellationToken ct) =>
        issue.AssigneeType == ActorType.Agent && issue.AssigneeId is { } agentId
            ? ReadyAgent(issue, await agents.FindAsync(issue.WorkspaceId, agentId, ct))
            : null;

    /// <summary>"Agent ready" for the assignee the caller has just read (null when it read none).</summary>
    public static Agent? ReadyAgent(Issue issue, Agent? assignee) =>
        issue.AssigneeType == ActorType.Agent && assignee is { ArchivedAt: null } && assignee.Id == issue.AssigneeId &&
        assignee.WorkspaceId == issue.WorkspaceId
            ? assignee
            : null;
}
