using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Activity;
using Multica.Application.Inbox;
using Multica.Application.Members;
using Multica.Application.Members.Shared;
using Multica.Application.Notifications;
using Multica.Application.Pins;
using Multica.Application.Pins.Shared;
using Multica.Application.Projects;
using Multica.Application.Projects.Shared;
using Multica.Application.Search;
using Multica.Application.SubIssues;
using Multica.Application.Inbox.Shared;
using Multica.Application.Subscriptions;
using Multica.Application.Subscriptions.Shared;
using Multica.Infrastructure.Background;
using Multica.Infrastructure.Persistence.Team;

namespace Multica.Infrastructure;

/// <summary>Team features: inbox, subscriptions, activity, members and invitations, search, projects, pins, reactions.</summary>
public static class TeamServices
{
    public static IServiceCollection AddTeamFeatures(this IServiceCollection services)
    {
        services.AddScoped<IInboxRepository, InboxRepository>();
        services.AddScoped<InboxItemAccess>();
        services.AddSingleton<InboxEvents>();
        services.AddScoped<ISubscriberRepository, SubscriberRepository>();
        services.AddSingleton<SubscriberEvents>();
        services.AddScoped<IActivityRepository, ActivityRepository>();
        services.AddScoped<IssueEventReactions>();
        services.AddHostedService<IssueEventListener>();
        services.AddScoped<ISearchRepository, SearchRepository>();
        services.AddScoped<IMemberRepository, MemberRepository>();
        services.AddScoped<InvitationAccess>();
        services.AddSingleton<MemberEvents>();
        services.AddScoped<IProjectRepository, ProjectRepository>();
        services.AddScoped<ProjectAccess>();
        services.AddSingleton<ProjectEvents>();
        services.AddScoped<IPinRepository, PinRepository>();
        services.AddSingleton<PinEvents>();
        services.AddScoped<ISubIssueRepository, SubIssueRepository>();
        return services;
    }
}
