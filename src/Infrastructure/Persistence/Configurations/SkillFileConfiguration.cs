using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class SkillFileConfiguration : IEntityTypeConfiguration<SkillFile>
{
    public void Configure(EntityTypeBuilder<SkillFile> b)
    {
        b.ToTable("skill_file");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SkillId, x.Path }).IsUnique();
        b.HasIndex(x => x.SkillId);
    }
}
