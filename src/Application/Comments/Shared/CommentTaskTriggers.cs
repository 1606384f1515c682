using Microsoft.Extensions.Logging;
using Multica.Application.Agents;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Comments.Shared;

/// <summary>Who wrote the comment and, for a member, their workspace role (private-agent rule).</summary>
public sealed record CommentAuthor(string Type, Guid Id, string? MemberRole);

/// <summary>
/// The tasks a new user-posted comment starts (docs/lifecycle.md): the assignee trigger,
/// then one task per eligible @mentioned agent, each with the new comment as its trigger. Runs only from
/// the comment-create route, so comments the server writes itself never start work. Enqueue failures
/// are logged and skipped.
/// </summary>
public sealed class CommentTaskTriggers(
    IAgentRepository agents,
    ITaskReadRepository tasks,
    ICommentRepository comments,
    ITaskEnqueueService enqueue,
    ILogger<CommentTaskTriggers> logger)
{
    /// <returns>The agents a task was enqueued for, in order.</returns>
    public async Task<IReadOnlyList<Guid>> RunAsync(Issue issue, Comment comment, Comment? parent, CommentAuthor author, CancellationToken ct)
    {
        var enqueued = new List<Guid>();
        var mentions = Mentions.Parse(comment.Content);

        if (await AssigneeShouldRunAsync(issue, comment, parent, author, mentions, ct) is { } assignee &&
            await TryEnqueueAsync(issue, assignee, comment, ct))
            enqueued.Add(assignee);

        // A reply with no mentions of its own inherits the thread's mentions.
        var source = mentions.Count == 0 && parent is not null ? Mentions.Parse(parent.Content) : mentions;
        foreach (var mention in source.Where(m => m.Type == Mention.Agent))
        {
            if (mention.Uuid is not { } agentId || enqueued.Contains(agentId))
                continue;
            if (author.Type == ActorType.Agent && author.Id == agentId)
                continue; // no self-trigger
            // Agents of other workspaces are ignored (upstream would enqueue for them).
            var agent = await agents.FindAsync(issue.WorkspaceId, agentId, ct);
            if (agent is null || agent.ArchivedAt is not null)
                continue;
            if (agent.Visibility == AgentVisibility.Private && author.Type == ActorType.Member &&
                agent.OwnerId != author.Id && !MemberRole.IsOwnerOrAdmin(author.MemberRole))
                continue;
            if (await tasks.HasPendingAsync(issue.Id, agentId, ct))
                continue;
            if (await TryEnqueueAsync(issue, agentId, comment, ct))
                enqueued.Add(agentId);
        }
        return enqueued;
    }

    /// <summary>The "on comment" rule for the assignee; returns the agent to enqueue for, or null.</summary>
    private async Task<Guid?> AssigneeShouldRunAsync(Issue issue, Comment comment, Comment? parent, CommentAuthor author,
        IReadOnlyList<Mention> mentions, CancellationToken ct)
    {
        // 1. Agent-authored comments never trigger the assignee: that is what prevents loops.
        if (author.Type != ActorType.Member)
            return null;
        // 2. Agent ready.
        if (issue.AssigneeType != ActorType.Agent || issue.AssigneeId is not { } assigneeId)
            return null;
        var agent = await agents.FindAsync(issue.WorkspaceId, assigneeId, ct);
        if (agent is null || agent.ArchivedAt is not null)
            return null;
        // 4. Mentions someone, but not the assignee (or @all): the comment is addressed elsewhere.
        if (MentionsOthersButNotAssignee(mentions, assigneeId))
            return null;
        // 5. A reply inside a thread a member started stays between people unless the agent is involved.
        if (comment.ParentId is not null && parent is not null && parent.AuthorType != ActorType.Agent &&
            !Mentions.MentionsId(mentions, assigneeId) && !Mentions.MentionsId(Mentions.Parse(parent.Content), assigneeId) &&
            !await comments.HasAgentReplyAsync(parent.Id, assigneeId, ct))
            return null;
        // 3. Coalescing: a queued/dispatched task will read the new comment anyway (a running one does not block).
        if (await tasks.HasPendingAsync(issue.Id, assigneeId, ct))
            return null;
        return assigneeId;
    }

    public static bool MentionsOthersButNotAssignee(IReadOnlyList<Mention> mentions, Guid assigneeId)
    {
        var relevant = mentions.Where(m => m.Type != Mention.Issue).ToList();
        if (relevant.Count == 0)
            return false;
        if (relevant.Any(m => m.Type == Mention.All))
            return true;
        return !relevant.Any(m => m.Uuid == assigneeId);
    }

    private async Task<bool> TryEnqueueAsync(Issue issue, Guid agentId, Comment comment, CancellationToken ct)
    {
        try
        {
            await enqueue.EnqueueForIssueAsync(issue.Id, agentId, comment.Id, ct);
            return true;
        }
        catch (TaskEnqueueException ex)
        {
            logger.LogInformation("comment {CommentId}: no task for agent {AgentId}: {Reason}", comment.Id, agentId, ex.Message);
            return false;
        }
    }
}
