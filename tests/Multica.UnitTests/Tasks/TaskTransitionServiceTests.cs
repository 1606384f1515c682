using Multica.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Finishing;
using Multica.Application.Tasks.Lifecycle;
using Multica.Application.Tasks.StateMachine;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

public sealed class TaskTransitionServiceTests
{
    // NUnit reuses one fixture instance for all its tests: everything is rebuilt in SetUp.
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<ITaskContextRepository> _context = null!;
    private Mock<IEventPublisher> _events = null!;
    private Mock<ICredentialStore> _credentials = null!;
    private FakeFinishStatements _statements = null!;
    private List<RealtimeEvent> _published = null!;
    private List<AnalyticsEvent> _analytics = null!;
    private TaskTransitionService _lifecycle = null!;

    private static readonly Guid Workspace = Guid.NewGuid();

    [SetUp]
    public void SetUp()
    {
        _tasks = new();
        _context = new();
        _events = new();
        _credentials = new();
        _statements = new();
        _published = [];
        _analytics = [];
        var analytics = new Mock<IAnalytics>();
        analytics.Setup(a => a.Capture(It.IsAny<AnalyticsEvent>())).Callback<AnalyticsEvent>(_analytics.Add);
        _events.Setup(e => e.Publish(It.IsAny<RealtimeEvent>())).Callback<RealtimeEvent>(_published.Add);
        _tasks.Setup(t => t.DeleteTaskTokensAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>())).ReturnsAsync(["hash-1"]);
        _lifecycle = TaskTransitionsFactory.Create(_tasks.Object, _context.Object, publisher: _events.Object,
            credentials: _credentials.Object, analytics: analytics.Object, statements: _statements);
    }

    private static AgentTask Task(string status, Guid? issue = null) =>
        new() { Id = Guid.NewGuid(), AgentId = Guid.NewGuid(), RuntimeId = Guid.NewGuid(), Status = status, IssueId = issue, StartedAt = DateTime.UtcNow };

    /// <summary>A running task of an in-progress issue, which the repository completes when asked.</summary>
    private (Issue Issue, AgentTask Running) CompletingIssueTask()
    {
        var issue = new Issue { Id = Guid.NewGuid(), WorkspaceId = Workspace, Title = "T", Status = "in_progress" };
        var running = Task("running", issue.Id);
        var completed = Task("completed", issue.Id);
        completed.Id = running.Id;
        completed.AgentId = running.AgentId;
        _tasks.Setup(t => t.CompleteAsync(running.Id, It.IsAny<TaskCompletion>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FinishedRun(completed, ["hash-1"]));
        return (issue, running);
    }

    [Test]
    public async Task Complete_OnFinishedTask_ReturnsItUnchanged_WithoutSideEffects()
    {
        var done = Task("completed");
        _tasks.Setup(t => t.CompleteAsync(done.Id, It.IsAny<TaskCompletion>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).ReturnsAsync((FinishedRun?)null);
        _tasks.Setup(t => t.FindAsync(done.Id, It.IsAny<CancellationToken>())).ReturnsAsync(done);

        var result = await _lifecycle.CompleteAsync(done.Id, new CompleteInput(null, "out", TaskRunSession.None), Workspace, default);

        Assert.That(result, Is.SameAs(done));
        Assert.That(_published, Is.Empty);
        Assert.That(_statements.Comments, Is.Empty);
        Assert.That(_statements.Stamps, Is.Empty);
        Assert.That(_statements.Sends, Is.Zero);
    }

    [Test]
    public async Task Complete_OnQueuedTask_ReturnsItUnchanged_WithoutSideEffects()
    {
        var queued = Task("queued");
        _tasks.Setup(t => t.FindAsync(queued.Id, It.IsAny<CancellationToken>())).ReturnsAsync(queued);
        var result = await _lifecycle.CompleteAsync(queued.Id, new CompleteInput(null, "out", TaskRunSession.None), Workspace, default);
        Assert.That(result, Is.SameAs(queued));
        Assert.That(_published, Is.Empty);
        _credentials.Verify(c => c.Invalidate(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task Complete_IssueTaskWithoutAgentComment_PostsRedactedFallback_ThenPublishesInOrder()
    {
        var (issue, running) = CompletingIssueTask();
        _statements.PostComment = (c, _) => c.IssueId == issue.Id ? issue : null;
        _statements.Reconcile = id => id == running.AgentId ? new Agent { Id = running.AgentId, WorkspaceId = Workspace, Status = "idle" } : null;

        await _lifecycle.CompleteAsync(running.Id, new CompleteInput(null, "key AKIAIOSFODNN7EXAMPLE", TaskRunSession.None), Workspace, default);

        var posted = _statements.Comments.Single();
        Assert.That(posted.Content, Is.EqualTo("key [REDACTED AWS KEY]"));
        Assert.That(posted.Type, Is.EqualTo("comment"));
        Assert.That(_published.Select(e => e.Type), Is.EqualTo(new[] { "comment:created", "agent:status", "task:completed", "activity:created" }));
        _credentials.Verify(c => c.Invalidate("hash-1"), Times.Once);
        Assert.That(_statements.Stamps, Is.EqualTo(new[] { issue.Id }));
        Assert.That(_statements.Activities.Single().Action, Is.EqualTo("task_completed"));
        Assert.That(_statements.Sends, Is.EqualTo(1), "the comment, the reconcile, the activity entry and the stamp share one round trip");
        _context.Verify(c => c.InsertCommentAsync(It.IsAny<Comment>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Complete_FirstExecutionOfAnIssue_EmitsIssueExecutedOnce_ForTheCreator()
    {
        var creator = Guid.NewGuid();
        var issue = new Issue { Id = Guid.NewGuid(), WorkspaceId = Workspace, Title = "T", CreatorType = "member", CreatorId = creator };
        var running = Task("running", issue.Id);
        var completed = Task("completed", issue.Id);
        completed.Id = running.Id;
        completed.StartedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        completed.CompletedAt = completed.StartedAt.Value.AddSeconds(90);
        _tasks.Setup(t => t.CompleteAsync(running.Id, It.IsAny<TaskCompletion>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).ReturnsAsync(new FinishedRun(completed, ["hash-1"]));
        var stamps = 0;
        _statements.Stamp = id => id == issue.Id && stamps++ == 0 ? issue : null;

        await _lifecycle.CompleteAsync(running.Id, new CompleteInput(null, "", TaskRunSession.None), Workspace, default);

        var evt = _analytics.Single();
        Assert.That(evt.Name, Is.EqualTo("issue_executed"));
        Assert.That(evt.DistinctId, Is.EqualTo(creator.ToString()));
        Assert.That(evt.Properties["task_duration_ms"], Is.EqualTo(90_000L));
    }

    [Test]
    public async Task Complete_WhenAStatementFailsOrItsAnswerIsLost_TheOthersStillPublish_AndALostReconcileRunsAgainAlone()
    {
        var (_, running) = CompletingIssueTask();
        _statements.PostComment = (_, _) => throw new InvalidOperationException("comment insert failed");
        _statements.Reconcile = _ => throw new FakeFinishStatements.AnswerLost();
        _context.Setup(c => c.ReconcileAgentStatusAsync(running.AgentId, "working", "idle", It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Agent { Id = running.AgentId, WorkspaceId = Workspace, Status = "idle" });

        await _lifecycle.CompleteAsync(running.Id, new CompleteInput(null, "done", TaskRunSession.None), Workspace, default);

        Assert.That(_published.Select(e => e.Type), Is.EqualTo(new[] { "agent:status", "task:completed", "activity:created" }),
            "no comment:created for the failed comment; the lost reconcile ran again and published");
        _context.Verify(c => c.ReconcileAgentStatusAsync(running.AgentId, "working", "idle", It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Fail_WithInfrastructureReason_RetriesAndSkipsTheSystemComment()
    {
        var issueId = Guid.NewGuid();
        var running = Task("running", issueId);
        var failed = Task("failed", issueId);
        failed.Id = running.Id;
        failed.FailureReason = "timeout";
        _tasks.Setup(t => t.FailAsync(running.Id, It.IsAny<TaskFailure>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).ReturnsAsync(new FinishedRun(failed, ["hash-1"]));
        _tasks.Setup(t => t.InsertAsync(It.IsAny<AgentTask>(), It.IsAny<CancellationToken>())).ReturnsAsync((AgentTask t, CancellationToken _) => t);

        await _lifecycle.FailAsync(running.Id, new FailInput("gone", "timeout", TaskRunSession.None), Workspace, default);

        _tasks.Verify(t => t.InsertAsync(It.Is<AgentTask>(c => c.ParentTaskId == failed.Id && c.Attempt == 2 && c.Status == "queued"),
            It.IsAny<CancellationToken>()), Times.Once);
        _context.Verify(c => c.InsertCommentAsync(It.IsAny<Comment>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_published.Select(e => e.Type), Is.EqualTo(new[] { "task:dispatch", "task:failed", "activity:created" }));
    }
}
