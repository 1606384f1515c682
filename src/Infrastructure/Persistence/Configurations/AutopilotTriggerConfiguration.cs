using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AutopilotTriggerConfiguration : IEntityTypeConfiguration<AutopilotTrigger>
{
    public void Configure(EntityTypeBuilder<AutopilotTrigger> b)
    {
        b.ToTable("autopilot_trigger");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Enabled).HasDefaultValue(true);
        b.Property(x => x.Timezone).HasDefaultValue("UTC");
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.InCheck("autopilot_trigger", "kind", ["schedule", "webhook", "api"]);
        b.HasOne<Autopilot>().WithMany().HasForeignKey(x => x.AutopilotId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.AutopilotId);
        b.HasIndex(x => x.NextRunAt).HasFilter("enabled AND kind = 'schedule'");
    }
}
