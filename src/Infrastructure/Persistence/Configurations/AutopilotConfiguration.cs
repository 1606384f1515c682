using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AutopilotConfiguration : IEntityTypeConfiguration<Autopilot>
{
    public void Configure(EntityTypeBuilder<Autopilot> b)
    {
        b.ToTable("autopilot");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Status).HasDefaultValue(AutopilotStatus.Active);
        b.Property(x => x.ExecutionMode).HasDefaultValue(AutopilotExecutionMode.CreateIssue);
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.InCheck("autopilot", "status", AutopilotStatus.All);
        b.InCheck("autopilot", "execution_mode", AutopilotExecutionMode.All);
        b.InCheck("autopilot", "created_by_type", [ActorType.Member, ActorType.Agent]);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agent>().WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.WorkspaceId);
        b.HasIndex(x => x.AssigneeId);
    }
}
