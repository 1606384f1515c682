using Multica.Application.DaemonProtocol;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Finishing;
using Multica.Application.Tasks.Lifecycle;
using Multica.Application.Tasks.StateMachine;

namespace Multica.UnitTests.Support;

/// <summary>A <see cref="TaskTransitionService"/> with its finish pipeline over the given (or empty) fakes.</summary>
public static class TaskTransitionsFactory
{
    public static TaskTransitionService Create(
        ITaskRepository? tasks = null,
        ITaskContextRepository? context = null,
        IDaemonProtocolRepository? daemonTasks = null,
        IEventPublisher? publisher = null,
        ICredentialStore? credentials = null,
        IAnalytics? analytics = null,
        ITaskClaimRepository? claims = null,
        IFinishStatements? statements = null)
    {
        tasks ??= Mock.Of<ITaskRepository>();
        context ??= Mock.Of<ITaskContextRepository>();
        var transactions = new NoTransactionRunner();
        var time = TimeProvider.System;
        var events = new TaskEvents(publisher ?? Mock.Of<IEventPublisher>(), transactions);
        var comments = new AgentCommentWriter(context, events, time);
        var reconciler = new AgentReconciler(context, events, time, NullLogger<AgentReconciler>.Instance);
        var pipeline = new TaskFinishPipeline(
            new InfrastructureRetryStep(tasks, events, Mock.Of<IDaemonWakeups>(), time, NullLogger<InfrastructureRetryStep>.Instance),
            new FallbackCommentStep(comments, events, NullLogger<FallbackCommentStep>.Instance),
            new FailureCommentStep(context, comments, NullLogger<FailureCommentStep>.Instance),
            new ChatTurnStep(context, events, time, NullLogger<ChatTurnStep>.Instance),
            new IssueResetStep(context, time, NullLogger<IssueResetStep>.Instance),
            new AgentReconcileStep(reconciler),
            new FinishedEventStep(events),
            new TaskActivityStep(context, events, time, NullLogger<TaskActivityStep>.Instance),
            new AutopilotRunSyncStep(context, events, time, NullLogger<AutopilotRunSyncStep>.Instance),
            new IssueExecutedAnalyticsStep(analytics ?? Mock.Of<IAnalytics>(), time, NullLogger<IssueExecutedAnalyticsStep>.Instance),
            reconciler,
            statements ?? new FakeFinishStatements());
        return new TaskTransitionService(tasks, claims ?? Mock.Of<ITaskClaimRepository>(), daemonTasks ?? Mock.Of<IDaemonProtocolRepository>(),
            context, transactions, pipeline, credentials ?? Mock.Of<ICredentialStore>(), time);
    }
}
