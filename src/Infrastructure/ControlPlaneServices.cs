using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Multica.Application.Actors;
using Multica.Application.Agents;
using Multica.Application.Autopilots;
using Multica.Application.Chat;
using Multica.Application.Comments;
using Multica.Application.Issues;
using Multica.Application.Runtimes;
using Multica.Application.Skills;
using Multica.Application.Tasks;
using Multica.Application.Usage;
using Multica.Application.Workspaces;
using Multica.Infrastructure.Persistence.Repositories;

namespace Multica.Infrastructure;

/// <summary>The user-facing control plane: repositories, per-request helpers and the task-service seam.</summary>
public static class ControlPlaneServices
{
    public static IServiceCollection AddControlPlane(this IServiceCollection services)
    {
        services.AddScoped<IWorkspaceSettingsRepository, WorkspaceSettingsRepository>();
        services.AddScoped<IRuntimeRepository, RuntimeRepository>();
        services.AddScoped<IAgentRepository, AgentRepository>();
        services.AddScoped<ISkillRepository, SkillRepository>();
        services.AddScoped<IIssueRepository, IssueRepository>();
        services.AddScoped<ICommentRepository, CommentRepository>();
        services.AddScoped<IChatRepository, ChatRepository>();
        services.AddScoped<IAutopilotRepository, AutopilotRepository>();
        services.AddScoped<ITaskReadRepository, TaskReadRepository>();
        services.AddScoped<IUsageRepository, UsageRepository>();

        services.AddScoped<IActorResolver, ActorResolver>();
        services.AddScoped<RuntimeAccess>();
        services.AddScoped<AgentAccess>();
        services.AddScoped<SkillAccess>();
        services.AddScoped<IssueLookup>();
        services.AddScoped<CommentAccess>();
        services.AddScoped<CommentTaskTriggers>();
        services.AddScoped<ChatSessionAccess>();
        services.AddScoped<AutopilotAccess>();
        return services;
    }
}
