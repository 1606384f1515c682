using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class CommentReactionConfiguration : IEntityTypeConfiguration<CommentReaction>
{
    public void Configure(EntityTypeBuilder<CommentReaction> b)
    {
        b.ToTable("comment_reaction");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.InCheck("comment_reaction", "actor_type", [ActorType.Member, ActorType.Agent]);
        b.HasOne<Comment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CommentId, x.ActorType, x.ActorId, x.Emoji }).IsUnique();
    }
}

internal sealed class IssueReactionConfiguration : IEntityTypeConfiguration<IssueReaction>
{
    public void Configure(EntityTypeBuilder<IssueReaction> b)
    {
        b.ToTable("issue_reaction");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.InCheck("issue_reaction", "actor_type", [ActorType.Member, ActorType.Agent]);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.IssueId, x.ActorType, x.ActorId, x.Emoji }).IsUnique();
    }
}
