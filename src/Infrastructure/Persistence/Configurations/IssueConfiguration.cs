using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class IssueConfiguration : IEntityTypeConfiguration<Issue>
{
    public void Configure(EntityTypeBuilder<Issue> b)
    {
        b.ToTable("issue");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Status).HasDefaultValue(IssueStatus.Backlog);
        b.Property(x => x.Priority).HasDefaultValue(IssuePriority.None);
        b.Property(x => x.AcceptanceCriteria).Jsonb("[]");
        b.Property(x => x.ContextRefs).Jsonb("[]");
        b.Property(x => x.Position).HasDefaultValue(0d);
        b.Property(x => x.Number).HasDefaultValue(0);
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.InCheck("issue", "status", IssueStatus.All);
        b.InCheck("issue", "priority", IssuePriority.All);
        b.InCheck("issue", "assignee_type", [ActorType.Member, ActorType.Agent], nullable: true);
        b.InCheck("issue", "creator_type", [ActorType.Member, ActorType.Agent]);
        b.InCheck("issue", "origin_type", ["autopilot"], nullable: true);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.ParentIssueId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.WorkspaceId);
        b.HasIndex(x => new { x.AssigneeType, x.AssigneeId });
        b.HasIndex(x => new { x.WorkspaceId, x.Status });
        b.HasIndex(x => x.ParentIssueId);
        b.HasIndex(x => new { x.WorkspaceId, x.Number }).IsUnique().HasDatabaseName("uq_issue_workspace_number");
        b.HasIndex(x => x.ProjectId);
        b.HasIndex(x => new { x.OriginType, x.OriginId }).HasFilter("origin_type IS NOT NULL");
        b.HasIndex(x => new { x.WorkspaceId, x.FirstExecutedAt }).HasFilter("first_executed_at IS NOT NULL");
    }
}
