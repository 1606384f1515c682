using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class IssueSubscriberConfiguration : IEntityTypeConfiguration<IssueSubscriber>
{
    public void Configure(EntityTypeBuilder<IssueSubscriber> b)
    {
        b.ToTable("issue_subscriber");
        b.HasKey(x => new { x.IssueId, x.UserType, x.UserId });
        b.Property(x => x.CreatedAt).DefaultNow();
        b.InCheck("issue_subscriber", "user_type", [ActorType.Member, ActorType.Agent]);
        b.InCheck("issue_subscriber", "reason", ["creator", "assignee", "commenter", "mentioned", "manual"]);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}
