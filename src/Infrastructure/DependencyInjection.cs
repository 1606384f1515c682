using Multica.Application.Common;
using Multica.Application.DaemonProtocol.Sweeper.SweepStaleWork;
using Multica.Application.DaemonProtocol.Socket;
using Multica.Application.DaemonProtocol;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Actors;
using Multica.Application.Agents;
using Multica.Application.Autopilots;
using Multica.Application.Chat;
using Multica.Application.Comments;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.PendingRequests;
using Multica.Application.PendingRequests.LocalSkillImport;
using Multica.Application.Runtimes;
using Multica.Application.TaskQueue;
using Multica.Application.Skills;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using Multica.Application.Tasks.IssueTaskRuns;
using Multica.Application.Tasks.Finishing;
using Multica.Application.Tasks.Lifecycle;
using Multica.Application.Tasks.StateMachine;
using Multica.Application.Usage;
using Multica.Application.Workspaces;
using Multica.Infrastructure.Auth;
using Multica.Infrastructure.Background;
using Multica.Infrastructure.Cluster;
using Multica.Infrastructure.DaemonSocket;
using Multica.Infrastructure.Hosting;
using Multica.Infrastructure.PendingRequests;
using Multica.Infrastructure.Persistence;
using Multica.Infrastructure.Storage;
using Multica.Infrastructure.Persistence.Tasks;
using Multica.Infrastructure.Persistence.Repositories;
using Multica.Infrastructure.Realtime;
using Multica.Infrastructure.Runtimes;
using Npgsql;
using StackExchange.Redis;
using Multica.Application.Agents.Shared;
using Multica.Application.Autopilots.Shared;
using Multica.Application.Chat.Shared;
using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;
using Multica.Application.Runtimes.Shared;
using Multica.Application.Skills.Shared;
using Multica.Application.Activity;
using Multica.Application.Inbox;
using Multica.Application.Members;
using Multica.Application.Members.Shared;
using Multica.Application.Notifications;
using Multica.Application.Pins;
using Multica.Application.Attachments;
using Multica.Application.Attachments.Shared;
using Multica.Application.Reactions;
using Multica.Application.Reactions.Shared;
using Multica.Application.Pins.Shared;
using Multica.Application.Projects;
using Multica.Application.Projects.Shared;
using Multica.Application.Search;
using Multica.Application.SubIssues;
using Multica.Application.Inbox.Shared;
using Multica.Application.Subscriptions;
using Multica.Application.Subscriptions.Shared;
using Multica.Infrastructure.Persistence.Team;

namespace Multica.Infrastructure;

/// <summary>
/// Every service of the Infrastructure layer and the Application services it wires, in named sections.
/// Each interface is registered exactly once; nothing here is replaced later.
/// </summary>
public static class DependencyInjection
{
    public const string PostgresConnectionName = "Postgres";
    public const string RedisConnectionName = "Redis";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        AddDatabase(services, configuration);
        AddRedis(services, configuration);
        AddSecurity(services);
        AddRealtime(services);
        AddCluster(services, configuration);
        AddWorkspaceResources(services);
        AddTeamFeatures(services);
        AddTasks(services);
        AddDaemonProtocol(services);
        AddPendingRequests(services, configuration);
        AddHostedServices(services, configuration);
        return services;
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        var raw = configuration.GetConnectionString(PostgresConnectionName)
            ?? throw new InvalidOperationException(
                "No database configured: set DATABASE_URL (postgres://user:pass@host:port/db) or ConnectionStrings__Postgres.");
        // The defaults live on DatabaseOptions only.
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(raw))
        {
            MaxPoolSize = database.MaxPoolSize,
            NoResetOnClose = database.NoResetOnClose,
            MaxAutoPrepare = database.MaxAutoPrepare,
        };
        if (database.ForceCustomPlans)
            builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        if (database.DisableJit)
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        var connectionString = builder.ConnectionString;

        services.AddDbContextPool<MulticaDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .AddInterceptors(GenericPlanInterceptor.Instance)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddScoped<ITransactionRunner, TransactionRunner>();
        services.AddSingleton(new IssueNumberAllocator(connectionString));
        services.AddSingleton<HealthProbe>();
        services.AddSingleton(sp => new SweeperLease(connectionString, sp.GetRequiredService<ILogger<SweeperLease>>()));
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnectionName)))
            services.AddHostedService(sp => new SingleNodeGuard(
                SingleNodeGuard.CreateLock(connectionString, sp.GetRequiredService<ILogger<SingleNodeGuard>>())));
        services.AddSingleton<IStorageOutage, Multica.Infrastructure.Persistence.StorageOutage>();
    }

    private static void AddRedis(IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redis))
            return;
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(RedisUrl.ToConfiguration(redis));
            options.AbortOnConnectFail = false;
            // Request paths never wait long on Redis: a slow command fails after 1 s, not the 5 s default.
            if (!redis.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) options.SyncTimeout = 1000;
            if (!redis.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) options.AsyncTimeout = 1000;
            if (!redis.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        });
    }

    /// <summary>Users, credentials and the caches in front of them.</summary>
    private static void AddSecurity(IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<IAccessRepository, AccessRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IVerificationCodeRepository, VerificationCodeRepository>();
        services.AddScoped<ITokenRepository, TokenRepository>();
        services.AddScoped<IWorkspaceRepository, WorkspaceRepository>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<IJwtService, JwtService>();
        services.AddSingleton<IVerificationCodeSender, ConsoleVerificationCodeSender>();
        services.AddScoped<DaemonWorkspaceAccess>();
    }

    /// <summary>Events for the web app, analytics, and the daemon WebSocket hub (its registry, push and wake-ups).</summary>
    private static void AddRealtime(IServiceCollection services)
    {
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<IEventSubscriber>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.AddSingleton<IAnalytics, LoggingAnalytics>();

        // One hub is the registry of this node's sockets; AddCluster decides who delivers to it.
        services.AddSingleton<LocalDaemonHub>();
        services.AddSingleton<IDaemonConnectionRegistry>(sp => sp.GetRequiredService<LocalDaemonHub>());
    }

    /// <summary>
    /// What crosses nodes (docs/scaling.md): with Redis, events, daemon hints and cache evictions are delivered
    /// here and relayed to every other node; without Redis there is one node and they stay local.
    /// </summary>
    private static void AddCluster(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ILocalCacheEviction, CredentialCacheEviction>();
        services.AddSingleton<ILocalCacheEviction, MembershipCacheEviction>();
        services.AddSingleton<ICredentialStore, BroadcastingCredentialStore>();
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnectionName)))
        {
            services.AddSingleton<ICacheEvictionBroadcast>(sp => new CacheEvictionBroadcast(sp.GetServices<ILocalCacheEviction>()));
            services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<InProcessEventBus>());
            services.AddSingleton<IDaemonPush>(sp => sp.GetRequiredService<LocalDaemonHub>());
            services.AddSingleton<IDaemonWakeups>(sp => sp.GetRequiredService<LocalDaemonHub>());
            return;
        }
        services.AddSingleton<RedisRelay>();
        services.AddSingleton<CacheEvictionBroadcast>(sp => new CacheEvictionBroadcast(
            sp.GetServices<ILocalCacheEviction>(), sp.GetRequiredService<RedisRelay>()));
        services.AddSingleton<ICacheEvictionBroadcast>(sp => sp.GetRequiredService<CacheEvictionBroadcast>());
        services.AddHostedService(sp => sp.GetRequiredService<CacheEvictionBroadcast>());
        services.AddSingleton<RedisEventRelay>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<RedisEventRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventRelay>());
        services.AddSingleton<RedisDaemonHintRelay>();
        services.AddSingleton<IDaemonPush>(sp => sp.GetRequiredService<RedisDaemonHintRelay>());
        services.AddSingleton<IDaemonWakeups>(sp => sp.GetRequiredService<RedisDaemonHintRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisDaemonHintRelay>());
    }

    /// <summary>The user-facing resources: repositories and per-request access helpers.</summary>
    private static void AddWorkspaceResources(IServiceCollection services)
    {
        services.AddScoped<IWorkspaceSettingsRepository, WorkspaceSettingsRepository>();
        services.AddScoped<IRuntimeRepository, RuntimeRepository>();
        services.AddScoped<IAgentRepository, AgentRepository>();
        services.AddScoped<ISkillRepository, SkillRepository>();
        services.AddScoped<IIssueRepository, IssueRepository>();
        services.AddScoped<ICommentRepository, CommentRepository>();
        services.AddScoped<IChatRepository, ChatRepository>();
        services.AddScoped<IAutopilotRepository, AutopilotRepository>();
        services.AddScoped<IUsageRepository, UsageRepository>();

        services.AddScoped<IActorResolver, ActorResolver>();
        services.AddScoped<RuntimeAccess>();
        services.AddScoped<AgentAccess>();
        services.AddSingleton<AgentEvents>();
        services.AddScoped<SkillAccess>();
        services.AddScoped<AgentSkillBudget>();
        services.AddSingleton<SkillEvents>();
        services.AddScoped<IssueLookup>();
        services.AddSingleton<IssueEvents>();
        services.AddScoped<CommentAccess>();
        services.AddScoped<CommentTaskTriggers>();
        services.AddScoped<ChatSessionAccess>();
        services.AddScoped<AutopilotAccess>();
        services.AddScoped<IssueReferenceResolver>();
    }

    /// <summary>The task lifecycle: its repositories, transitions, claims, enqueue and cancel entry points.</summary>
    private static void AddTasks(IServiceCollection services)
    {
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.Section);
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section);
        services.AddScoped<ITaskRepository, TaskRepository>();
        services.AddScoped<ITaskClaimRepository, TaskClaimRepository>();
        services.AddScoped<ITaskContextRepository, TaskContextRepository>();
        services.AddScoped<IFinishStatements, FinishStatements>();
        services.AddScoped<ITaskReadRepository, TaskReadRepository>();
        services.AddScoped<ITaskQueueOverviewRepository, TaskQueueOverviewRepository>();
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
        services.AddScoped<PollingClaimer>();
        services.AddSingleton<EmptyQueueMarks>();
        services.AddSingleton<NothingPendingMarks>();
        services.AddScoped<ITaskEnqueueService, TaskEnqueueService>();
        services.AddScoped<ITaskCancellationService, TaskCancellationService>();
    }

    /// <summary>The daemon routes' own storage, runtime liveness and the sweeper's settings.</summary>
    private static void AddDaemonProtocol(IServiceCollection services)
    {
        services.AddScoped<IDaemonProtocolRepository, DaemonProtocolRepository>();
        services.AddSingleton<IRuntimeLiveness, RuntimeLiveness>();
        services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.Section);
    }

    /// <summary>Heartbeat-delivered requests: Redis stores when Redis is configured (create, heartbeat and poll may hit different nodes), else in memory.</summary>
    private static void AddPendingRequests(IServiceCollection services, IConfiguration configuration)
    {
        var useRedis = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnectionName));
        var keyPrefix = configuration["PendingRequests:RedisKeyPrefix"] ?? "mul:";
        AddStore<RuntimeUpdateRequest>(services, PendingRequestPolicy.RuntimeUpdate, useRedis, keyPrefix);
        AddStore<ModelListRequest>(services, PendingRequestPolicy.ModelList, useRedis, keyPrefix);
        AddStore<LocalSkillListRequest>(services, PendingRequestPolicy.LocalSkillList, useRedis, keyPrefix);
        AddStore<LocalSkillImportRequest>(services, PendingRequestPolicy.LocalSkillImport, useRedis, keyPrefix);
        if (useRedis)
            services.AddSingleton<IPendingWorkProbe>(sp => new RedisPendingWorkProbe(sp.GetRequiredService<IConnectionMultiplexer>(),
                [PendingRequestPolicy.RuntimeUpdate, PendingRequestPolicy.ModelList, PendingRequestPolicy.LocalSkillList, PendingRequestPolicy.LocalSkillImport],
                sp.GetRequiredService<TimeProvider>(), keyPrefix));
        services.AddSingleton<PendingStoreBreaker>();
        services.AddSingleton<IHeartbeatPendingWork, HeartbeatPendingWork>();
        services.AddScoped<ISkillImportWriter, SkillImportWriter>();
    }

    private static void AddStore<T>(IServiceCollection services, PendingRequestPolicy policy, bool useRedis, string keyPrefix)
        where T : PendingRequest
    {
        if (useRedis)
            services.AddSingleton<IPendingRequestStore<T>>(sp => new RedisPendingRequestStore<T>(
                sp.GetRequiredService<IConnectionMultiplexer>(), policy, sp.GetRequiredService<TimeProvider>(), keyPrefix,
                sp.GetRequiredService<PendingStoreBreaker>()));
        else
            services.AddSingleton<IPendingRequestStore<T>>(sp => new InMemoryPendingRequestStore<T>(policy, sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// Team features: inbox, subscriptions, activity (with the issue-event reactions), members and invitations,
    /// search, projects, pins, sub-issues, reactions, attachments (files on the local disk or in S3).
    /// </summary>
    private static void AddTeamFeatures(IServiceCollection services)
    {
        services.AddScoped<IInboxRepository, InboxRepository>();
        services.AddScoped<InboxItemAccess>();
        services.AddSingleton<InboxEvents>();
        services.AddScoped<ISubscriberRepository, SubscriberRepository>();
        services.AddSingleton<SubscriberEvents>();
        services.AddScoped<IActivityRepository, ActivityRepository>();
        services.AddScoped<IReactionRowWriter, ReactionRowWriter>();
        services.AddScoped<IssueEventReactions>();
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
        services.AddScoped<IReactionRepository, ReactionRepository>();
        services.AddScoped<CommentReactionLoader>();
        services.AddSingleton<ReactionEvents>();
        services.AddScoped<CommentExtrasLoader>();
        services.AddScoped<IAttachmentRepository, AttachmentRepository>();
        services.AddScoped<AttachmentLifecycle>();
        services.AddSingleton<UploadUrls>();
        // Local disk by default; an S3 bucket when one is configured (docs/team-features.md, "Attachments").
        services.AddSingleton<IFileStorage>(sp =>
        {
            var uploads = sp.GetRequiredService<IOptions<UploadOptions>>();
            return string.IsNullOrEmpty(uploads.Value.S3Bucket)
                ? ActivatorUtilities.CreateInstance<LocalFileStorage>(sp)
                : new S3FileStorage(S3FileStorage.CreateClient(uploads.Value), uploads, sp.GetRequiredService<ILogger<S3FileStorage>>());
        });
    }

    /// <summary>Background work, in start order: the issue-event listener, the sweeper, the heartbeat flush, the workspace-change notifier, the migration runner, the idle memory trimmer.</summary>
    private static void AddHostedServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MemoryOptions>(configuration.GetSection(MemoryOptions.Section));
        services.AddHostedService<IssueEventListener>();
        services.AddHostedService<SweeperService>();
        services.AddHostedService<LivenessFlushService>();
        services.AddHostedService<WorkspaceChangeNotifier>();
        services.AddHostedService<MigrationRunner>();
        services.AddHostedService<IdleMemoryTrimmer>();
    }
}

/// <summary>Accepts redis://[:password@]host:port[/db] as upstream does, or a StackExchange.Redis configuration string.</summary>
public static class RedisUrl
{
    public static string ToConfiguration(string value)
    {
        if (!value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            return value;
        var uri = new Uri(value);
        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}" };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var password = uri.UserInfo.Contains(':') ? uri.UserInfo[(uri.UserInfo.IndexOf(':') + 1)..] : uri.UserInfo;
            if (password.Length > 0)
                parts.Add("password=" + Uri.UnescapeDataString(password));
        }
        var db = uri.AbsolutePath.Trim('/');
        if (int.TryParse(db, out var dbIndex))
            parts.Add("defaultDatabase=" + dbIndex);
        if (value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            parts.Add("ssl=true");
        return string.Join(",", parts);
    }
}
