using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AgentRuntimeConfiguration : IEntityTypeConfiguration<AgentRuntime>
{
    public void Configure(EntityTypeBuilder<AgentRuntime> b)
    {
        b.ToTable("agent_runtime");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Status).HasDefaultValue(RuntimeStatus.Offline);
        b.Property(x => x.DeviceInfo).HasDefaultValue("");
        b.Property(x => x.Metadata).Jsonb("{}");
        b.Property(x => x.LastSeenAt).HasColumnType("timestamptz");
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.InCheck("agent_runtime", "runtime_mode", [RuntimeMode.Local, RuntimeMode.Cloud]);
        b.InCheck("agent_runtime", "status", RuntimeStatus.All);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.NoAction);
        // The registration upsert key (ON CONFLICT target).
        b.HasIndex(x => new { x.WorkspaceId, x.DaemonId, x.Provider }).IsUnique();
        b.HasIndex(x => x.WorkspaceId);
        b.HasIndex(x => new { x.WorkspaceId, x.Status });
    }
}
