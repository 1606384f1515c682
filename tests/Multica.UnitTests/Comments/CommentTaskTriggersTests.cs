using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Multica.Application.Agents;
using Multica.Application.Comments;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using NUnit.Framework;
using Multica.Application.Comments.Shared;

namespace Multica.UnitTests.Comments;

/// <summary>docs/lifecycle.md with every collaborator mocked.</summary>
public sealed class CommentTaskTriggersTests
{
    private static readonly Guid Workspace = Guid.NewGuid();
    private static readonly Guid Member = Guid.NewGuid();
    private static readonly Guid OtherMember = Guid.NewGuid();

    private Mock<IAgentRepository> _agents = null!;
    private Mock<ITaskReadRepository> _tasks = null!;
    private Mock<ICommentRepository> _comments = null!;
    private Mock<ITaskEnqueueService> _enqueue = null!;
    private readonly Dictionary<Guid, Agent> _known = new();
    private readonly HashSet<Guid> _pending = new();
    private readonly List<(Guid Agent, Guid? Trigger)> _enqueued = new();

    [SetUp]
    public void SetUp()
    {
        _known.Clear();
        _pending.Clear();
        _enqueued.Clear();
        _agents = new Mock<IAgentRepository>();
        _agents.Setup(a => a.FindAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid ws, Guid id, CancellationToken _) => _known.TryGetValue(id, out var a) && a.WorkspaceId == ws ? a : null);
        _tasks = new Mock<ITaskReadRepository>();
        _tasks.Setup(t => t.HasPendingAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid _, Guid agent, CancellationToken _) => _pending.Contains(agent));
        _comments = new Mock<ICommentRepository>();
        _enqueue = new Mock<ITaskEnqueueService>();
        _enqueue.Setup(e => e.EnqueueForIssueAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<Guid?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid issue, Guid agent, Guid? trigger, CancellationToken _) =>
            {
                _enqueued.Add((agent, trigger));
                _pending.Add(agent);
                return new AgentTask { Id = Guid.NewGuid(), AgentId = agent, IssueId = issue, TriggerCommentId = trigger };
            });
    }

    private CommentTaskTriggers Triggers() =>
        new(_agents.Object, _tasks.Object, _comments.Object, _enqueue.Object, NullLogger<CommentTaskTriggers>.Instance);

    private Agent AddAgent(string visibility = AgentVisibility.Workspace, Guid? owner = null, bool archived = false, Guid? workspace = null)
    {
        var agent = new Agent
        {
            Id = Guid.NewGuid(), WorkspaceId = workspace ?? Workspace, Visibility = visibility, OwnerId = owner ?? Member,
            ArchivedAt = archived ? DateTime.UtcNow : null, RuntimeId = Guid.NewGuid(),
        };
        _known[agent.Id] = agent;
        return agent;
    }

    private static Issue IssueFor(Agent? assignee) => new()
    {
        Id = Guid.NewGuid(), WorkspaceId = Workspace, Status = IssueStatus.Done,
        AssigneeType = assignee is null ? null : ActorType.Agent, AssigneeId = assignee?.Id,
    };

    private static Comment CommentBy(string authorType, Guid author, string content, Comment? parent = null) => new()
    {
        Id = Guid.NewGuid(), AuthorType = authorType, AuthorId = author, Content = content, ParentId = parent?.Id,
    };

    private static string At(Agent a) => $"[@A](mention://agent/{a.Id})";

    private Task<IReadOnlyList<Guid>> Run(Issue issue, Comment comment, Comment? parent = null, string? role = MemberRole.Member) =>
        Triggers().RunAsync(issue, comment, parent, new CommentAuthor(comment.AuthorType, comment.AuthorId, role), CancellationToken.None);

    [Test]
    public async Task PlainMemberComment_TriggersAssignee_WithTheNewCommentAsTrigger_EvenOnDoneIssue()
    {
        var agent = AddAgent();
        var comment = CommentBy(ActorType.Member, Member, "please fix");
        Assert.That(await Run(IssueFor(agent), comment), Is.EqualTo(new[] { agent.Id }));
        Assert.That(_enqueued.Single().Trigger, Is.EqualTo(comment.Id));
    }

    [Test]
    public async Task AgentAuthoredComment_NeverTriggersTheAssignee()
    {
        var agent = AddAgent();
        Assert.That(await Run(IssueFor(agent), CommentBy(ActorType.Agent, agent.Id, "done")), Is.Empty);
    }

    [Test]
    public async Task PendingTask_Coalesces()
    {
        var agent = AddAgent();
        _pending.Add(agent.Id);
        Assert.That(await Run(IssueFor(agent), CommentBy(ActorType.Member, Member, "again")), Is.Empty);
    }

    [Test]
    public async Task MentioningTheAssignee_EnqueuesOnce()
    {
        var agent = AddAgent();
        Assert.That(await Run(IssueFor(agent), CommentBy(ActorType.Member, Member, $"{At(agent)} go")), Is.EqualTo(new[] { agent.Id }));
        Assert.That(_enqueued, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task MentioningOnlyOthers_OrAll_Suppresses()
    {
        var agent = AddAgent();
        Assert.That(await Run(IssueFor(agent), CommentBy(ActorType.Member, Member, $"[@B](mention://member/{OtherMember})")), Is.Empty);
        Assert.That(await Run(IssueFor(agent), CommentBy(ActorType.Member, Member, "[@all](mention://all/all)")), Is.Empty);
    }

    [Test]
    public async Task ReplyInMemberThread_OnlyWhenTheAgentIsInvolved()
    {
        var agent = AddAgent();
        var issue = IssueFor(agent);
        var root = CommentBy(ActorType.Member, OtherMember, "question");
        Assert.That(await Run(issue, CommentBy(ActorType.Member, Member, "answer", root), root), Is.Empty, "member-to-member");

        _comments.Setup(c => c.HasAgentReplyAsync(root.Id, agent.Id, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Assert.That(await Run(issue, CommentBy(ActorType.Member, Member, "go on", root), root), Is.EqualTo(new[] { agent.Id }),
            "after the agent joined");
    }

    [Test]
    public async Task ReplyInAgentThread_Triggers()
    {
        var agent = AddAgent();
        var root = CommentBy(ActorType.Agent, agent.Id, "I started");
        Assert.That(await Run(IssueFor(agent), CommentBy(ActorType.Member, Member, "thanks", root), root), Is.EqualTo(new[] { agent.Id }));
    }

    [Test]
    public async Task Reply_InheritsParentMentions_OnlyWhenItHasNone()
    {
        var assignee = AddAgent();
        var other = AddAgent();
        var root = CommentBy(ActorType.Member, OtherMember, $"{At(other)} look");
        Assert.That(await Run(IssueFor(null), CommentBy(ActorType.Member, Member, "+1", root), root), Is.EqualTo(new[] { other.Id }));

        _pending.Clear();
        var withMention = CommentBy(ActorType.Member, Member, $"[@B](mention://member/{OtherMember})", root);
        Assert.That(await Run(IssueFor(assignee), withMention, root), Is.Empty, "a reply mentioning only a member");
    }

    [Test]
    public async Task Mention_SkipsSelfArchivedForeignAndPrivateForPlainMembers()
    {
        var self = AddAgent();
        var archived = AddAgent(archived: true);
        var foreign = AddAgent(workspace: Guid.NewGuid());
        var privateAgent = AddAgent(AgentVisibility.Private, owner: OtherMember);
        var content = $"{At(self)} {At(archived)} {At(foreign)} {At(privateAgent)}";

        Assert.That(await Run(IssueFor(null), CommentBy(ActorType.Agent, self.Id, content)), Is.EqualTo(new[] { privateAgent.Id }),
            "an agent author may trigger a private agent, never itself");
        _pending.Clear();
        Assert.That(await Run(IssueFor(null), CommentBy(ActorType.Member, Member, content)), Is.EqualTo(new[] { self.Id }),
            "a plain member may not trigger someone else's private agent");
        _pending.Clear();
        Assert.That(await Run(IssueFor(null), CommentBy(ActorType.Member, Member, content), role: MemberRole.Admin),
            Is.EqualTo(new[] { self.Id, privateAgent.Id }), "an admin may");
    }

    [Test]
    public async Task EnqueueFailure_IsSwallowed_AndOtherMentionsStillRun()
    {
        var failing = AddAgent();
        var ok = AddAgent();
        _enqueue.Setup(e => e.EnqueueForIssueAsync(It.IsAny<Guid>(), failing.Id, It.IsAny<Guid?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TaskEnqueueException("create task: duplicate"));
        var result = await Run(IssueFor(null), CommentBy(ActorType.Member, Member, $"{At(failing)} {At(ok)}"));
        Assert.That(result, Is.EqualTo(new[] { ok.Id }));
    }
}
