using Moq;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

/// <summary>
/// An issue task enqueued for an issue and an agent the caller already holds (issue create and update) passes the
/// same checks as one enqueued by ids, without reading either row again.
/// </summary>
public sealed class TaskEnqueueServiceTests
{
    private static readonly Guid Workspace = Guid.NewGuid();
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<ITaskContextRepository> _context = null!;
    private Mock<IDaemonWakeups> _wakeups = null!;
    private List<Action> _afterCommit = null!;
    private TaskEnqueueService _enqueue = null!;

    [SetUp]
    public void SetUp()
    {
        _tasks = new Mock<ITaskRepository>();
        _tasks.Setup(t => t.InsertAsync(It.IsAny<AgentTask>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((AgentTask t, CancellationToken _) => t);
        _context = new Mock<ITaskContextRepository>(MockBehavior.Strict);
        _wakeups = new Mock<IDaemonWakeups>();
        _afterCommit = [];
        var transactions = new Mock<ITransactionRunner>();
        transactions.Setup(t => t.AfterCommit(It.IsAny<Action>())).Callback((Action work) => _afterCommit.Add(work));
        _enqueue = new TaskEnqueueService(_tasks.Object, _context.Object, _wakeups.Object, transactions.Object, TimeProvider.System);
    }

    private static Issue Issue(Guid? workspace = null) => new()
    {
        Id = Guid.NewGuid(), WorkspaceId = workspace ?? Workspace, Title = "T", Status = "todo", Priority = "high",
    };

    private static Agent Agent(Guid? workspace = null, DateTime? archivedAt = null) => new()
    {
        Id = Guid.NewGuid(), WorkspaceId = workspace ?? Workspace, RuntimeId = Guid.NewGuid(), ArchivedAt = archivedAt,
    };

    [Test]
    public async Task HeldIssueAndAgent_InsertTheTask_WithoutReadingThemAgain()
    {
        var issue = Issue();
        var agent = Agent();

        var task = await _enqueue.EnqueueForIssueAsync(issue, agent, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((task.IssueId, task.AgentId, task.RuntimeId, task.Status), Is.EqualTo((issue.Id, agent.Id, agent.RuntimeId, "queued")));
            Assert.That(task.Priority, Is.EqualTo(3), "priority from the issue");
        });
        // The strict context mock fails any read.
        _context.VerifyNoOtherCalls();
    }

    [Test]
    public void FirstTaskOfANewIssue_IsBuiltWithTheSameChecks_WritesNothing_AndWakesOnlyWhenAnnouncedAfterCommit()
    {
        var issue = Issue();
        var agent = Agent();

        var task = _enqueue.FirstTaskFor(issue, agent);

        Assert.Multiple(() =>
        {
            Assert.That((task.IssueId, task.AgentId, task.RuntimeId, task.Status, task.Priority),
                Is.EqualTo((issue.Id, agent.Id, agent.RuntimeId, "queued", 3)));
            Assert.That(task.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(() => _enqueue.FirstTaskFor(Issue(), Agent(archivedAt: DateTime.UtcNow)),
                Throws.TypeOf<TaskEnqueueException>().With.Message.EqualTo("agent is archived"));
            Assert.That(() => _enqueue.FirstTaskFor(Issue(), Agent(workspace: Guid.NewGuid())),
                Throws.TypeOf<TaskEnqueueException>().With.Message.EqualTo("agent is not in the issue's workspace"));
        });
        _tasks.VerifyNoOtherCalls();
        _context.VerifyNoOtherCalls();

        _enqueue.Announce(task);
        _wakeups.VerifyNoOtherCalls();
        Assert.That(_afterCommit, Has.Count.EqualTo(1), "the wake-up waits for the commit");
        _afterCommit[0]();
        _wakeups.Verify(w => w.TaskAvailable(agent.RuntimeId, task.Id), Times.Once);
    }

    [Test]
    public void ArchivedAgent_IsRefused() => Assert.That(
        () => _enqueue.EnqueueForIssueAsync(Issue(), Agent(archivedAt: DateTime.UtcNow), null, CancellationToken.None),
        Throws.TypeOf<TaskEnqueueException>().With.Message.EqualTo("agent is archived"));

    [Test]
    public void AgentOfAnotherWorkspace_IsRefused() => Assert.That(
        () => _enqueue.EnqueueForIssueAsync(Issue(), Agent(workspace: Guid.NewGuid()), null, CancellationToken.None),
        Throws.TypeOf<TaskEnqueueException>().With.Message.EqualTo("agent is not in the issue's workspace"));

    [Test]
    public void AgentWithoutRuntime_IsRefused()
    {
        var agent = Agent();
        agent.RuntimeId = Guid.Empty;
        Assert.That(() => _enqueue.EnqueueForIssueAsync(Issue(), agent, null, CancellationToken.None),
            Throws.TypeOf<TaskEnqueueException>().With.Message.EqualTo("agent has no runtime"));
    }
}
