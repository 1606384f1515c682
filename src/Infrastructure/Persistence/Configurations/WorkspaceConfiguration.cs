using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> b)
    {
        b.ToTable("workspace");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Settings).Jsonb("{}");
        b.Property(x => x.Repos).Jsonb("[]");
        b.Property(x => x.IssuePrefix).HasDefaultValue("");
        b.Property(x => x.IssueCounter).HasDefaultValue(0);
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
    }
}
