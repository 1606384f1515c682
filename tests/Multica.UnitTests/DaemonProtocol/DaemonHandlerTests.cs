using Multica.Application.DaemonProtocol.TaskRuns.StartTask;
using Multica.Application.DaemonProtocol.Presence.Heartbeat;
using Multica.UnitTests.Support;
using Moq;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;
using Multica.Application.PendingRequests;
using Multica.Application.Runtimes;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;
using NUnit.Framework;
using Multica.Application.Runtimes.Shared;

namespace Multica.UnitTests.DaemonProtocol;

public sealed class DaemonHandlerTests
{
    [Test]
    public async Task Heartbeat_MergesPendingWork_AndAnnouncesARuntimeComingBack()
    {
        var runtime = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = Guid.NewGuid(), Status = "offline" };
        var liveness = new Mock<IRuntimeLiveness>();
        liveness.Setup(r => r.TouchAsync(runtime.Id, It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RuntimeTouch(Found: true, WasOffline: true));
        var pending = new Mock<IHeartbeatPendingWork>();
        pending.Setup(p => p.CollectAsync(runtime, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, object> { ["pending_model_list"] = new { id = "abc" } });
        var published = new List<RealtimeEvent>();
        var publisher = new Mock<IEventPublisher>();
        publisher.Setup(p => p.Publish(It.IsAny<RealtimeEvent>())).Callback<RealtimeEvent>(published.Add);
        var handler = new HeartbeatHandler(new AccessScope { Runtime = runtime }, liveness.Object, pending.Object,
            new TaskEvents(publisher.Object, new NoTransactionRunner()), new RequestTimings(), TimeProvider.System);

        var response = await handler.Handle(new HeartbeatCommand(runtime.Id.ToString()), default);

        Assert.That(response["status"], Is.EqualTo("ok"));
        Assert.That(response.ContainsKey("pending_model_list"), Is.True);
        Assert.That(published.Single().Type, Is.EqualTo("daemon:register"));
    }

    [Test]
    public void Heartbeat_RuntimeDeletedMeanwhile_Is404RuntimeNotFound()
    {
        var runtime = new AgentRuntime { Id = Guid.NewGuid(), Status = "online" };
        var liveness = new Mock<IRuntimeLiveness>();
        liveness.Setup(r => r.TouchAsync(runtime.Id, It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RuntimeTouch(Found: false, WasOffline: false));
        var handler = new HeartbeatHandler(new AccessScope { Runtime = runtime }, liveness.Object,
            Mock.Of<IHeartbeatPendingWork>(), new TaskEvents(Mock.Of<IEventPublisher>(), new NoTransactionRunner()), new RequestTimings(), TimeProvider.System);
        var error = Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(new HeartbeatCommand(runtime.Id.ToString()), default));
        Assert.That(error!.Message, Is.EqualTo("runtime not found"));
    }

    [Test]
    public async Task Start_Repeated_OnRunningTask_ReturnsIt()
    {
        var task = new AgentTask { Id = Guid.NewGuid(), Status = "running" };
        var tasks = new Mock<ITaskRepository>();
        tasks.Setup(t => t.FindAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        var handler = new StartTaskHandler(new AccessScope { TaskRef = new TaskRef(task.Id, null, Guid.NewGuid()) }, TaskTransitionsFactory.Create(tasks.Object));
        var result = await handler.Handle(new StartTaskCommand(task.Id.ToString()), default);
        Assert.That(result.Status, Is.EqualTo("running"));
        Assert.That(result.Id, Is.EqualTo(task.Id.ToString()));
    }

    [Test]
    public void Start_WhenNeitherStartableNorRunning_IsTheUpstream400()
    {
        var task = new AgentTask { Id = Guid.NewGuid(), Status = "completed" };
        var tasks = new Mock<ITaskRepository>();
        tasks.Setup(t => t.FindAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        var handler = new StartTaskHandler(new AccessScope { TaskRef = new TaskRef(task.Id, null, Guid.NewGuid()) }, TaskTransitionsFactory.Create(tasks.Object));
        var error = Assert.ThrowsAsync<BadRequestException>(async () => await handler.Handle(new StartTaskCommand(task.Id.ToString()), default));
        Assert.That(error!.Message, Is.EqualTo("start task: no rows in result set"));
    }

    [Test]
    public void HeartbeatValidator_RequiresRuntimeId()
    {
        var result = new HeartbeatValidator().Validate(new HeartbeatCommand(""));
        Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("runtime_id is required"));
    }

    [Test]
    public void RuntimeDto_LaunchHeaders()
    {
        Assert.That(RuntimeDto.LaunchHeaderFor("codex"), Is.EqualTo("codex app-server"));
        Assert.That(RuntimeDto.LaunchHeaderFor("unknown"), Is.EqualTo(""));
    }
}
