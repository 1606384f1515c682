using Multica.Application.Tokens.RenewCurrentToken;
using Multica.Application.DaemonProtocol.Workspaces.ListDaemonWorkspaces;
using Multica.Application.DaemonProtocol.TaskRuns.WaitLocalDirectory;
using Multica.Application.DaemonProtocol.TaskRuns.AcknowledgeCancel;
using Multica.Application.DaemonProtocol.Socket;
using Multica.Application.DaemonProtocol;
using Multica.Application.Runtimes;
using Multica.Application.Common;
using Multica.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;
using Multica.Application.PendingRequests.RuntimeUpdate;
using Multica.Domain.Entities;
using Multica.Infrastructure.DaemonSocket;
using NUnit.Framework;
using Multica.Application.Runtimes.Shared;

namespace Multica.UnitTests.DaemonProtocol;

public sealed class DaemonProtocolHandlerTests
{
    [Test]
    [Property("Id", "N36")]
    public void CancelAck_StorageFailure_Is5xx()
    {
        var scope = new AccessScope { Task = new AgentTask { Id = Guid.NewGuid(), Status = "cancelled" }, WorkspaceId = Guid.NewGuid() };
        var repository = new Mock<IDaemonProtocolRepository>();
        repository.Setup(r => r.RecordCancelAckAsync(It.IsAny<Guid>(), It.IsAny<CancelAckFields>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("db down"));
        var handler = new AcknowledgeCancelHandler(scope, TaskTransitionsFactory.Create(daemonTasks: repository.Object), Mock.Of<IEventPublisher>(), NullLogger<AcknowledgeCancelHandler>.Instance);

        var ex = Assert.ThrowsAsync<InternalErrorException>(async () => await handler.Handle(
            new AcknowledgeCancelCommand(scope.Task.Id.ToString(), new DeferredBody<CancelAckBody>(new CancelAckBody("b", "/d", null, null), true)), default));
        Assert.That(ex!.StatusCode, Is.EqualTo(500));
        Assert.That(ex.Message, Is.EqualTo("failed to record durable work directory"));
    }

    [Test]
    public async Task CancelAck_OnANonCancelledTask_WritesNothing()
    {
        var scope = new AccessScope { Task = new AgentTask { Id = Guid.NewGuid(), Status = "completed" }, WorkspaceId = Guid.NewGuid() };
        var repository = new Mock<IDaemonProtocolRepository>(MockBehavior.Strict);
        var handler = new AcknowledgeCancelHandler(scope, TaskTransitionsFactory.Create(daemonTasks: repository.Object), Mock.Of<IEventPublisher>(), NullLogger<AcknowledgeCancelHandler>.Instance);
        var result = await handler.Handle(new AcknowledgeCancelCommand("x", new DeferredBody<CancelAckBody>(new CancelAckBody("b", null, null, null), true)), default);
        Assert.That(result.Status, Is.EqualTo("ok"));
    }

    [TestCase(null, null)]
    [TestCase("  ", null)]
    [TestCase("directory busy", "directory busy")]
    [TestCase("local_directory /home/alice/src", null)]
    [TestCase("local_directory ~/src", null)]
    [TestCase("local_directory C:\\src", null)]
    [TestCase("local_directory busy", "local_directory busy")]
    public void WaitReason_NeverStoresAbsolutePaths(string? reason, string? stored) =>
        Assert.That(WaitLocalDirectoryHandler.Sanitize(reason), Is.EqualTo(stored));

    [Test]
    public void DaemonWorkspacesEtag_DependsOnIdsAndNames()
    {
        var id = Guid.NewGuid();
        var a = ListDaemonWorkspacesHandler.ETagOf([new DaemonWorkspaceDto(id, "A")]);
        Assert.That(a, Does.Match("^W/\"[0-9a-f]{64}\"$"));
        Assert.That(ListDaemonWorkspacesHandler.ETagOf([new DaemonWorkspaceDto(id, "A")]), Is.EqualTo(a));
        Assert.That(ListDaemonWorkspacesHandler.ETagOf([new DaemonWorkspaceDto(id, "B")]), Is.Not.EqualTo(a));
        Assert.That(ListDaemonWorkspacesHandler.ETagOf([]), Is.Not.EqualTo(a));
    }

    [Test]
    public void Renew_WithoutAPat_Is400()
    {
        var context = new CallerContext { Caller = new Caller { Kind = CallerKind.User, UserId = Guid.NewGuid() } };
        var handler = new RenewCurrentTokenHandler(context, Mock.Of<ITokenRepository>(), Mock.Of<IDaemonProtocolRepository>(),
            Mock.Of<ICredentialStore>(), TimeProvider.System);
        var ex = Assert.ThrowsAsync<BadRequestException>(async () => await handler.Handle(new RenewCurrentTokenCommand(), default));
        Assert.That(ex!.Message, Is.EqualTo("only personal access tokens can be renewed"));
    }

    [Test]
    public async Task Renew_InvalidatesTheCachedCredential()
    {
        var tokenId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        var now = new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        var tokens = new Mock<ITokenRepository>();
        tokens.Setup(t => t.FindPersonalAccessTokenAsync(tokenId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PersonalAccessToken { Id = tokenId, UserId = userId, TokenHash = "h", ExpiresAt = now.AddDays(2) });
        var repository = new Mock<IDaemonProtocolRepository>();
        repository.Setup(r => r.TryRenewPersonalAccessTokenAsync(tokenId, now.AddDays(2), now.AddDays(90), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var credentials = new Mock<ICredentialStore>();
        var context = new CallerContext { Caller = new Caller { Kind = CallerKind.User, UserId = userId, PersonalAccessTokenId = tokenId } };

        var result = await new RenewCurrentTokenHandler(context, tokens.Object, repository.Object, credentials.Object, time)
            .Handle(new RenewCurrentTokenCommand(), default);
        Assert.That(result, Is.EqualTo(new RenewTokenDto("2026-10-30T00:00:00Z", true)));
        credentials.Verify(c => c.Invalidate("h"), Times.Once);
    }

    [Test]
    public async Task CreateUpdate_PushesPendingWorkOnlyWhenCreated()
    {
        var runtime = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = Guid.NewGuid() };
        var userId = Guid.NewGuid();
        var access = new Mock<IAccessRepository>();
        access.Setup(a => a.FindRuntimeAsync(runtime.Id, It.IsAny<CancellationToken>())).ReturnsAsync(runtime);
        access.Setup(a => a.FindMembershipAsync(userId, runtime.WorkspaceId, It.IsAny<CancellationToken>())).ReturnsAsync(new Member());
        var context = new CallerContext { Caller = new Caller { Kind = CallerKind.User, UserId = userId } };
        var store = new Mock<IPendingRequestStore<RuntimeUpdateRequest>>();
        store.SetupGet(s => s.Policy).Returns(PendingRequestPolicy.RuntimeUpdate);
        store.SetupSequence(s => s.TryCreateAsync(It.IsAny<RuntimeUpdateRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(true).ReturnsAsync(false);
        var push = new Mock<IDaemonPush>();
        var handler = new CreateRuntimeUpdateHandler(new RuntimeAccess(context, access.Object), store.Object, push.Object, TimeProvider.System);
        var command = new CreateRuntimeUpdateCommand("ws", runtime.Id.ToString(),
            new DeferredBody<CreateRuntimeUpdateBody>(new CreateRuntimeUpdateBody("v1"), true));

        await handler.Handle(command, default);
        Assert.ThrowsAsync<ConflictException>(async () => await handler.Handle(command, default));
        push.Verify(p => p.PendingWork(runtime.Id, "update"), Times.Once);
    }

    [Test]
    public void Hub_DeliversOnlyToMatchingConnections_AndForgetsClosedOnes()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new Multica.Application.Tasks.TaskOptions());
        var hub = new LocalDaemonHub(new Multica.Application.Tasks.Claiming.EmptyQueueMarks(TimeProvider.System, options),
            new Multica.Application.PendingRequests.NothingPendingMarks(TimeProvider.System, options));
        var runtime = Guid.NewGuid();
        var workspace = Guid.NewGuid();
        var user = Guid.NewGuid();
        Mock<IDaemonConnection> Connection(Guid r, Guid w, Guid? u)
        {
            var c = new Mock<IDaemonConnection>();
            c.SetupGet(x => x.ConnectionId).Returns(Guid.NewGuid());
            c.SetupGet(x => x.RuntimeIds).Returns(new HashSet<Guid> { r });
            c.SetupGet(x => x.WorkspaceIds).Returns(new HashSet<Guid> { w });
            c.SetupGet(x => x.UserId).Returns(u);
            return c;
        }
        var mine = Connection(runtime, workspace, user);
        var other = Connection(Guid.NewGuid(), Guid.NewGuid(), null);
        var registration = hub.Register(mine.Object);
        hub.Register(other.Object);

        hub.TaskAvailable(runtime, Guid.NewGuid());
        hub.PendingWork(runtime, "model_list");
        hub.WorkspacesChangedForUser(user);
        hub.WorkspacesChangedForWorkspace(workspace);
        mine.Verify(c => c.TrySend(It.IsAny<string>(), It.IsAny<object>()), Times.Exactly(4));
        other.Verify(c => c.TrySend(It.IsAny<string>(), It.IsAny<object>()), Times.Never);

        registration.Dispose();
        hub.TaskAvailable(runtime);
        mine.Verify(c => c.TrySend(It.IsAny<string>(), It.IsAny<object>()), Times.Exactly(4));
        Assert.That(hub.ConnectionCount, Is.EqualTo(1));
    }
}
