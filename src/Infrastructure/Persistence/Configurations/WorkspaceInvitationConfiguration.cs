using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class WorkspaceInvitationConfiguration : IEntityTypeConfiguration<WorkspaceInvitation>
{
    public void Configure(EntityTypeBuilder<WorkspaceInvitation> b)
    {
        b.ToTable("workspace_invitation");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Status).HasDefaultValue(InvitationStatus.Pending);
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.Property(x => x.ExpiresAt).HasColumnType("timestamptz").HasDefaultValueSql("now() + interval '7 days'");
        b.InCheck("workspace_invitation", "role", [MemberRole.Admin, MemberRole.Member]);
        b.InCheck("workspace_invitation", "status", InvitationStatus.All);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.InviterId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.InviteeUserId).OnDelete(DeleteBehavior.NoAction);
        // One pending invitation per workspace and e-mail.
        b.HasIndex(x => new { x.WorkspaceId, x.InviteeEmail }).IsUnique().HasFilter("status = 'pending'");
        b.HasIndex(x => x.InviteeEmail).HasFilter("status = 'pending'");
        b.HasIndex(x => x.InviteeUserId).HasFilter("status = 'pending'");
    }
}
