using Multica.Domain.Constants;
using Microsoft.EntityFrameworkCore;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence;

public class MulticaDbContext(DbContextOptions<MulticaDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<AgentRuntime> AgentRuntimes => Set<AgentRuntime>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<SkillFile> SkillFiles => Set<SkillFile>();
    public DbSet<AgentSkill> AgentSkills => Set<AgentSkill>();
    public DbSet<AgentTask> Tasks => Set<AgentTask>();
    public DbSet<Issue> Issues => Set<Issue>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<ChatSession> ChatSessions => Set<ChatSession>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<Autopilot> Autopilots => Set<Autopilot>();
    public DbSet<AutopilotTrigger> AutopilotTriggers => Set<AutopilotTrigger>();
    public DbSet<AutopilotRun> AutopilotRuns => Set<AutopilotRun>();
    public DbSet<TaskMessage> TaskMessages => Set<TaskMessage>();
    public DbSet<TaskUsage> TaskUsages => Set<TaskUsage>();
    public DbSet<DaemonToken> DaemonTokens => Set<DaemonToken>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<TaskToken> TaskTokens => Set<TaskToken>();
    public DbSet<VerificationCode> VerificationCodes => Set<VerificationCode>();
    public DbSet<ActivityLog> ActivityLogs => Set<ActivityLog>();
    public DbSet<InboxItem> InboxItems => Set<InboxItem>();
    public DbSet<IssueSubscriber> IssueSubscribers => Set<IssueSubscriber>();
    public DbSet<Project> Projects => Set<Project>();

    // Team features
    public DbSet<WorkspaceInvitation> WorkspaceInvitations => Set<WorkspaceInvitation>();
    public DbSet<PinnedItem> PinnedItems => Set<PinnedItem>();
    public DbSet<CommentReaction> CommentReactions => Set<CommentReaction>();
    public DbSet<IssueReaction> IssueReactions => Set<IssueReaction>();
    public DbSet<Attachment> Attachments => Set<Attachment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MulticaDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
