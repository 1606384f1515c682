using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AutopilotRunConfiguration : IEntityTypeConfiguration<AutopilotRun>
{
    public void Configure(EntityTypeBuilder<AutopilotRun> b)
    {
        b.ToTable("autopilot_run");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.TriggeredAt).DefaultNow();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.TriggerPayload).Jsonb();
        b.Property(x => x.Result).Jsonb();
        b.InCheck("autopilot_run", "source",
            [AutopilotRunSource.Schedule, AutopilotRunSource.Manual, AutopilotRunSource.Webhook, AutopilotRunSource.Api]);
        b.InCheck("autopilot_run", "status", AutopilotRunStatus.All);
        b.HasOne<Autopilot>().WithMany().HasForeignKey(x => x.AutopilotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AutopilotTrigger>().WithMany().HasForeignKey(x => x.TriggerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AgentTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.AutopilotId, x.CreatedAt }).IsDescending(false, true);
        b.HasIndex(x => new { x.AutopilotId, x.Status }).HasFilter($"status IN ({StatusSql.List(AutopilotRunStatus.Open)})");
        b.HasIndex(x => x.IssueId).HasFilter("issue_id IS NOT NULL");
        b.HasIndex(x => x.TaskId);
    }
}
