using Multica.Domain.Constants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class PinnedItemConfiguration : IEntityTypeConfiguration<PinnedItem>
{
    public void Configure(EntityTypeBuilder<PinnedItem> b)
    {
        b.ToTable("pinned_item");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Position).HasDefaultValue(0d);
        b.Property(x => x.CreatedAt).DefaultNow();
        b.InCheck("pinned_item", "item_type", PinItemType.All);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.WorkspaceId, x.UserId, x.ItemType, x.ItemId }).IsUnique();
        b.HasIndex(x => new { x.WorkspaceId, x.UserId, x.Position });
    }
}
