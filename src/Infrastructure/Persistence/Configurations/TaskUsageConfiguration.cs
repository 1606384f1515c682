using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class TaskUsageConfiguration : IEntityTypeConfiguration<TaskUsage>
{
    public void Configure(EntityTypeBuilder<TaskUsage> b)
    {
        b.ToTable("task_usage");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Provider).HasDefaultValue("");
        b.Property(x => x.CreatedAt).DefaultNow();
        b.HasOne<AgentTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TaskId, x.Provider, x.Model }).IsUnique();
        b.HasIndex(x => x.TaskId);
    }
}
