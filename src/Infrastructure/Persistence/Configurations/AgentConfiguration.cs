using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.ToTable("agent");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.RuntimeConfig).Jsonb("{}");
        b.Property(x => x.Visibility).HasDefaultValue(AgentVisibility.Private);
        b.Property(x => x.Status).HasDefaultValue(AgentStatus.Offline);
        b.Property(x => x.MaxConcurrentTasks).HasDefaultValue(6);
        b.Property(x => x.Description).HasDefaultValue("");
        b.Property(x => x.Instructions).HasDefaultValue("");
        b.Property(x => x.CustomEnv).Jsonb("{}");
        b.Property(x => x.CustomArgs).Jsonb("[]");
        b.Property(x => x.McpConfig).Jsonb();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.InCheck("agent", "runtime_mode", [RuntimeMode.Local, RuntimeMode.Cloud]);
        b.InCheck("agent", "visibility", [AgentVisibility.Workspace, AgentVisibility.Private]);
        b.InCheck("agent", "status", AgentStatus.All);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AgentRuntime>().WithMany().HasForeignKey(x => x.RuntimeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.ArchivedBy).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.WorkspaceId);
        b.HasIndex(x => x.RuntimeId);
        b.HasIndex(x => new { x.WorkspaceId, x.Name }).IsUnique().HasDatabaseName("agent_workspace_name_unique");
    }
}
