using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;
using Multica.Application.DaemonProtocol.Claiming.ClaimTask;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;
using Multica.UnitTests.Support;
using NUnit.Framework;

namespace Multica.UnitTests.DaemonProtocol;

/// <summary>
/// The order of a claim poll's reads (docs/daemon-protocol.md, "Empty polls"): a runtime without work is probed
/// before the claim transaction, a runtime whose last claim found work claims straight away. Strict mocks: a
/// read that should not happen fails the test.
/// </summary>
public sealed class ClaimTaskOrderTests
{
    private readonly AgentRuntime _runtime = new() { Id = Guid.NewGuid(), WorkspaceId = Guid.NewGuid() };
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<ITaskClaimRepository> _claims = null!;
    private EmptyQueueMarks _marks = null!;
    private PollingClaimer _polling = null!;
    private ClaimTaskHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _tasks = new Mock<ITaskRepository>(MockBehavior.Strict);
        _claims = new Mock<ITaskClaimRepository>(MockBehavior.Strict);
        var options = Options.Create(new TaskOptions());
        _marks = new EmptyQueueMarks(TimeProvider.System, options);
        var transitions = TaskTransitionsFactory.Create(tasks: _tasks.Object, claims: _claims.Object);
        var claimer = new TaskClaimer(new ClaimedTaskBuilder(_claims.Object), transitions,
            new TaskEvents(Mock.Of<Multica.Application.Common.Interfaces.IEventPublisher>(), new NoTransactionRunner()),
            Mock.Of<Multica.Application.Common.Interfaces.IAccessRepository>(), new RequestTimings(), options, TimeProvider.System, NullLogger<TaskClaimer>.Instance);
        _polling = new PollingClaimer(new Lazy<TaskClaimer>(() => claimer), _marks, new Lazy<ITaskRepository>(() => _tasks.Object));
        _handler = new ClaimTaskHandler(new AccessScope { Runtime = _runtime }, _polling);
    }

    private void Pending(params Guid[] waiting) =>
        _tasks.Setup(t => t.RuntimesWithPendingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<Guid> ids, CancellationToken _) => ids.Where(waiting.Contains).ToHashSet());

    private void ClaimFinds(params ClaimedTask[] claimed) =>
        _claims.Setup(c => c.ClaimAsync(It.IsAny<ClaimRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(claimed);

    [Test]
    public async Task RuntimeWithNothingWaiting_IsAnsweredByTheProbe_WithoutAClaimTransaction()
    {
        Pending();
        var response = await _handler.Handle(new ClaimTaskCommand(_runtime.Id.ToString()), default);
        Assert.That(response.Task, Is.Null);
        Assert.That(_marks.IsKnownEmpty(_runtime.Id), Is.True);
        _claims.Verify(c => c.ClaimAsync(It.IsAny<ClaimRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ProbeThatFindsWork_LeadsToTheClaim_AndAnEmptyClaimThenSetsNoMark()
    {
        Pending(_runtime.Id);
        ClaimFinds(); // waiting, but at capacity
        var response = await _handler.Handle(new ClaimTaskCommand(_runtime.Id.ToString()), default);
        Assert.That(response.Task, Is.Null);
        Assert.That(_marks.IsKnownEmpty(_runtime.Id), Is.False, "a task is waiting");
        _tasks.Verify(t => t.RuntimesWithPendingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()), Times.Once);
        _claims.Verify(c => c.ClaimAsync(It.IsAny<ClaimRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task RuntimeWhoseLastClaimFoundWork_ClaimsFirst_AndProbesOnlyWhenTheClaimFindsNothing()
    {
        _marks.RecordClaim(_runtime.Id, foundWork: true);
        ClaimFinds();
        Pending();
        var response = await _handler.Handle(new ClaimTaskCommand(_runtime.Id.ToString()), default);
        Assert.That(response.Task, Is.Null);
        Assert.That(_marks.IsKnownEmpty(_runtime.Id), Is.True, "the probe after the empty claim found nothing waiting");
        Assert.That(_marks.LastClaimFoundWork(_runtime.Id), Is.False);
        _claims.Verify(c => c.ClaimAsync(It.IsAny<ClaimRequest>(), It.IsAny<CancellationToken>()), Times.Once);
        _tasks.Verify(t => t.RuntimesWithPendingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task KnownEmptyRuntime_ReadsNothing()
    {
        _marks.MarkEmpty(_runtime.Id, _marks.Version(_runtime.Id));
        var response = await _handler.Handle(new ClaimTaskCommand(_runtime.Id.ToString()), default);
        Assert.That(response.Task, Is.Null); // strict mocks: any read would throw
    }

    [Test]
    public async Task BatchPoll_ProbesAllRuntimesInOneRead_AndClaimsOnlyForThoseWithWork()
    {
        var idle = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = _runtime.WorkspaceId };
        var busy = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = _runtime.WorkspaceId };
        Pending(busy.Id);
        ClaimRequest? sent = null;
        _claims.Setup(c => c.ClaimAsync(It.IsAny<ClaimRequest>(), It.IsAny<CancellationToken>()))
            .Callback((ClaimRequest r, CancellationToken _) => sent = r).ReturnsAsync(Array.Empty<ClaimedTask>());

        var outcomes = await _polling.ClaimAsync([idle, busy], maxTasks: 4, default);

        Assert.That(outcomes, Is.Empty);
        Assert.That(sent!.RuntimeIds, Is.EqualTo(new[] { busy.Id }), "only the runtime with work is claimed for");
        Assert.That(_marks.IsKnownEmpty(idle.Id), Is.True);
        Assert.That(_marks.IsKnownEmpty(busy.Id), Is.False, "waiting, at capacity");
        _tasks.Verify(t => t.RuntimesWithPendingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
