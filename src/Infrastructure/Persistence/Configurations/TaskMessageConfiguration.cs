using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class TaskMessageConfiguration : IEntityTypeConfiguration<TaskMessage>
{
    public void Configure(EntityTypeBuilder<TaskMessage> b)
    {
        b.ToTable("task_message");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Input).Jsonb();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.HasOne<AgentTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        // Unique (a deliberate difference from upstream, docs/daemon-protocol.md): a re-sent batch is ignored instead of duplicating the transcript.
        b.HasIndex(x => new { x.TaskId, x.Seq }).IsUnique().HasDatabaseName("uq_task_message_task_seq");
    }
}
