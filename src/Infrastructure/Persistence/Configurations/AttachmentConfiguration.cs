using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachment");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.InCheck("attachment", "uploader_type", [ActorType.Member, ActorType.Agent]);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Comment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.IssueId).HasFilter("issue_id IS NOT NULL");
        b.HasIndex(x => x.CommentId).HasFilter("comment_id IS NOT NULL");
        b.HasIndex(x => x.WorkspaceId);
    }
}
