using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("project");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.Property(x => x.Status).HasDefaultValue(ProjectStatus.Planned);
        b.Property(x => x.Priority).HasDefaultValue(IssuePriority.None);
        b.InCheck("project", "status", ProjectStatus.All);
        b.InCheck("project", "priority", IssuePriority.All);
        b.InCheck("project", "lead_type", [ActorType.Member, ActorType.Agent], nullable: true);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.WorkspaceId);
    }
}
