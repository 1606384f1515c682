using Multica.Application.Tasks.Finishing;
using Multica.Application.Tasks.StateMachine;
using Multica.Application.Daemon.SweepStaleWork;
using Multica.Infrastructure.Background;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Daemon;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using Multica.Application.Tasks.IssueTaskRuns;
using Multica.Application.Tasks.Lifecycle;
using Multica.Infrastructure.Persistence.Daemon;

namespace Multica.Infrastructure;

/// <summary>The daemon protocol and the task lifecycle: repositories, lifecycle services and their settings.</summary>
public static class DaemonServices
{
    public static IServiceCollection AddDaemonProtocol(this IServiceCollection services)
    {
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.Section);

        services.AddScoped<ITaskRepository, TaskRepository>();
        services.AddScoped<ITaskClaimRepository, TaskClaimRepository>();
        services.AddScoped<ITaskContextRepository, TaskContextRepository>();
        services.AddScoped<IRuntimeRepository, RuntimeRepository>();

        services.AddScoped<TaskEvents>();
        services.AddScoped<AgentCommentWriter>();
        services.AddScoped<TaskTransitionService>();
        // The finish pipeline's steps; their order is fixed by TaskFinishPipeline.
        services.AddScoped<AgentReconciler>();
        services.AddScoped<InfrastructureRetryStep>();
        services.AddScoped<FallbackCommentStep>();
        services.AddScoped<FailureCommentStep>();
        services.AddScoped<ChatTurnStep>();
        services.AddScoped<IssueResetStep>();
        services.AddScoped<AgentReconcileStep>();
        services.AddScoped<FinishedEventStep>();
        services.AddScoped<TaskActivityStep>();
        services.AddScoped<AutopilotRunSyncStep>();
        services.AddScoped<IssueExecutedAnalyticsStep>();
        services.AddScoped<TaskFinishPipeline>();
        services.AddScoped<ClaimedTaskBuilder>();
        services.AddScoped<TaskClaimer>();
        services.AddScoped<DaemonWorkspaceAccess>();
        services.AddScoped<IssueReferenceResolver>();
        services.AddScoped<ITaskEnqueueService, TaskEnqueueService>();
        services.AddScoped<ITaskCancellationService, TaskCancellationService>();
        services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.Section);
        services.AddHostedService<SweeperService>();
        return services;
    }
}
