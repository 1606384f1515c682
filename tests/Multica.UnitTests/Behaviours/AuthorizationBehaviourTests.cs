using Mediator;
using Moq;
using Multica.Application.Common.Behaviours;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    private sealed record RuntimeRequest(string RuntimeId) : IRequest<string>, IDaemonRuntimeScoped;
    private sealed record TaskRequest(string TaskId) : IRequest<string>, IDaemonTaskScoped;
    private sealed record TaskRefRequest(string TaskId) : IRequest<string>, IDaemonTaskRefScoped;
    private sealed record MemberRequest(string? WorkspaceId, IReadOnlyCollection<string>? Roles = null) : IRequest<string>, IWorkspaceMemberScoped
    {
        public IReadOnlyCollection<string>? RequiredRoles => Roles;
    }
    private sealed record HumanOnlyRequest : IRequest<string>, IHumanOnly;

    // NUnit reuses one fixture instance for all its tests: fresh doubles per test.
    private Mock<IAccessRepository> _access = null!;
    private CallerContext _callerContext = null!;
    private AccessScope _scope = null!;

    [SetUp]
    public void SetUp()
    {
        _access = new Mock<IAccessRepository>(MockBehavior.Strict);
        _callerContext = new CallerContext();
        _scope = new AccessScope();
    }
    private static readonly Guid WorkspaceId = Guid.NewGuid();
    private static readonly Guid UserId = Guid.NewGuid();

    private ValueTask<string> Run<T>(T request) where T : IRequest<string>
    {
        var behaviour = new AuthorizationBehaviour<T, string>(_callerContext, _access.Object, new DaemonWorkspaceAccess(_callerContext, _access.Object), _scope, new RequestTimings());
        return behaviour.Handle(request, (_, _) => ValueTask.FromResult("handled"), CancellationToken.None);
    }

    [Test]
    public void Runtime_MalformedId_IsRuntimeNotFound_WithoutQuerying()
    {
        _callerContext.Caller = new Caller { Kind = CallerKind.User, UserId = UserId };
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new RuntimeRequest("not-a-uuid")));
        Assert.That(ex!.Message, Is.EqualTo("runtime not found"));
        _access.VerifyNoOtherCalls();
    }

    [Test]
    public void Runtime_OfForeignWorkspace_ForDaemonToken_IsGenericNotFound()
    {
        var runtime = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = WorkspaceId };
        _access.Setup(a => a.FindDaemonRuntimeAsync(runtime.Id, It.IsAny<CancellationToken>())).ReturnsAsync(runtime);
        _callerContext.Caller = new Caller { Kind = CallerKind.DaemonToken, DaemonWorkspaceId = Guid.NewGuid() };
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new RuntimeRequest(runtime.Id.ToString())));
        Assert.That(ex!.Message, Is.EqualTo("not found"));
    }

    [Test]
    public async Task Runtime_ForMember_IsAllowed_AndScopeIsFilled()
    {
        var runtime = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = WorkspaceId };
        _access.Setup(a => a.FindDaemonRuntimeAsync(runtime.Id, It.IsAny<CancellationToken>())).ReturnsAsync(runtime);
        _access.Setup(a => a.FindMembershipAsync(UserId, WorkspaceId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Member { UserId = UserId, WorkspaceId = WorkspaceId, Role = "member" });
        _callerContext.Caller = new Caller { Kind = CallerKind.User, UserId = UserId };

        Assert.That(await Run(new RuntimeRequest(runtime.Id.ToString())), Is.EqualTo("handled"));
        Assert.That(_scope.Runtime, Is.SameAs(runtime));
        Assert.That(_scope.WorkspaceId, Is.EqualTo(WorkspaceId));
    }

    [Test]
    public void Runtime_ForNonMember_IsGenericNotFound()
    {
        var runtime = new AgentRuntime { Id = Guid.NewGuid(), WorkspaceId = WorkspaceId };
        _access.Setup(a => a.FindDaemonRuntimeAsync(runtime.Id, It.IsAny<CancellationToken>())).ReturnsAsync(runtime);
        _access.Setup(a => a.FindMembershipAsync(UserId, WorkspaceId, It.IsAny<CancellationToken>())).ReturnsAsync((Member?)null);
        _callerContext.Caller = new Caller { Kind = CallerKind.User, UserId = UserId };
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new RuntimeRequest(runtime.Id.ToString())));
        Assert.That(ex!.Message, Is.EqualTo("not found"));
    }

    [Test]
    public void Task_WithoutResolvableWorkspace_IsTaskNotFound()
    {
        var task = new AgentTask { Id = Guid.NewGuid() };
        _access.Setup(a => a.FindTaskWithWorkspaceAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync((task, (Guid?)null));
        _callerContext.Caller = new Caller { Kind = CallerKind.DaemonToken, DaemonWorkspaceId = WorkspaceId };
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new TaskRequest(task.Id.ToString())));
        Assert.That(ex!.Message, Is.EqualTo("task not found"));
    }

    [Test]
    public async Task Task_OfTokenWorkspace_IsAllowed_WithoutMembershipLookup()
    {
        var task = new AgentTask { Id = Guid.NewGuid() };
        _access.Setup(a => a.FindTaskWithWorkspaceAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync((task, (Guid?)WorkspaceId));
        _callerContext.Caller = new Caller { Kind = CallerKind.DaemonToken, DaemonWorkspaceId = WorkspaceId };
        Assert.That(await Run(new TaskRequest(task.Id.ToString())), Is.EqualTo("handled"));
        Assert.That(_scope.Task, Is.SameAs(task));
    }

    [Test]
    public async Task TaskRefRoute_IsAuthorizedOnTheTasksIdentity_WithoutReadingItsRow()
    {
        var task = new TaskRef(Guid.NewGuid(), Guid.NewGuid(), WorkspaceId);
        _access.Setup(a => a.FindTaskRefAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        _callerContext.Caller = new Caller { Kind = CallerKind.DaemonToken, DaemonWorkspaceId = WorkspaceId };

        Assert.That(await Run(new TaskRefRequest(task.Id.ToString())), Is.EqualTo("handled"));
        Assert.That(_scope.TaskRef, Is.SameAs(task));
        Assert.That(_scope.Task, Is.Null, "no row was read");
        Assert.That(_scope.WorkspaceId, Is.EqualTo(WorkspaceId));
        _access.Verify(a => a.FindTaskRefAsync(task.Id, It.IsAny<CancellationToken>()), Times.Once);
        _access.VerifyNoOtherCalls(); // strict: the row query was never made
    }

    [Test]
    public void TaskRefRoute_OfAnotherWorkspace_OrUnknown_IsNotFound()
    {
        var foreign = new TaskRef(Guid.NewGuid(), null, Guid.NewGuid());
        var unknown = Guid.NewGuid();
        _access.Setup(a => a.FindTaskRefAsync(foreign.Id, It.IsAny<CancellationToken>())).ReturnsAsync(foreign);
        _access.Setup(a => a.FindTaskRefAsync(unknown, It.IsAny<CancellationToken>())).ReturnsAsync((TaskRef?)null);
        _callerContext.Caller = new Caller { Kind = CallerKind.DaemonToken, DaemonWorkspaceId = WorkspaceId };

        var other = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new TaskRefRequest(foreign.Id.ToString())));
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new TaskRefRequest(unknown.ToString())));
        var malformed = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new TaskRefRequest("not-a-uuid")));
        Assert.Multiple(() =>
        {
            Assert.That(other!.Message, Is.EqualTo("not found"), "another workspace's task");
            Assert.That(missing!.Message, Is.EqualTo("task not found"));
            Assert.That(malformed!.Message, Is.EqualTo("task not found"));
            Assert.That(_scope.TaskRef, Is.Null);
        });
    }

    [Test]
    public async Task FullRowTaskRoute_AlsoFillsTheTaskRef()
    {
        var task = new AgentTask { Id = Guid.NewGuid(), IssueId = Guid.NewGuid() };
        _access.Setup(a => a.FindTaskWithWorkspaceAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync((task, (Guid?)WorkspaceId));
        _callerContext.Caller = new Caller { Kind = CallerKind.DaemonToken, DaemonWorkspaceId = WorkspaceId };

        await Run(new TaskRequest(task.Id.ToString()));
        Assert.That(_scope.TaskRef, Is.EqualTo(new TaskRef(task.Id, task.IssueId, WorkspaceId)));
    }

    [Test]
    public void Member_WithTooLowRole_IsForbidden()
    {
        _access.Setup(a => a.FindMembershipAsync(UserId, WorkspaceId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Member { Role = "member" });
        _callerContext.Caller = new Caller { Kind = CallerKind.User, UserId = UserId };
        var ex = Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Run(new MemberRequest(WorkspaceId.ToString(), ["owner", "admin"])));
        Assert.That(ex!.Message, Is.EqualTo("insufficient permissions"));
    }

    [Test]
    public void Member_OfOtherWorkspace_IsWorkspaceNotFound()
    {
        _access.Setup(a => a.FindMembershipAsync(UserId, WorkspaceId, It.IsAny<CancellationToken>())).ReturnsAsync((Member?)null);
        _callerContext.Caller = new Caller { Kind = CallerKind.User, UserId = UserId };
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new MemberRequest(WorkspaceId.ToString())));
        Assert.That(ex!.Message, Is.EqualTo("workspace not found"));
    }

    [Test]
    public void TaskToken_OutsideItsWorkspace_IsWorkspaceNotFound()
    {
        _callerContext.Caller = new Caller { Kind = CallerKind.TaskToken, UserId = UserId, TokenWorkspaceId = Guid.NewGuid() };
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Run(new MemberRequest(WorkspaceId.ToString())));
        Assert.That(ex!.Message, Is.EqualTo("workspace not found"));
    }

    [Test]
    public void HumanOnly_RefusesTaskTokens()
    {
        _callerContext.Caller = new Caller { Kind = CallerKind.TaskToken, UserId = UserId, TokenWorkspaceId = WorkspaceId };
        Assert.ThrowsAsync<ForbiddenException>(async () => await Run(new HumanOnlyRequest()));
    }
}
