using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> b)
    {
        b.ToTable("inbox_item");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Severity).HasDefaultValue("info");
        b.Property(x => x.Read).HasDefaultValue(false);
        b.Property(x => x.Archived).HasDefaultValue(false);
        b.Property(x => x.Details).Jsonb().HasDefaultValueSql("'{}'::jsonb");
        b.Property(x => x.CreatedAt).DefaultNow();
        b.InCheck("inbox_item", "recipient_type", [ActorType.Member, ActorType.Agent]);
        b.InCheck("inbox_item", "severity", ["action_required", "attention", "info"]);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RecipientType, x.RecipientId });
        b.HasIndex(x => x.IssueId);
    }
}
