using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("user");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.HasIndex(x => x.Email).IsUnique();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.UpdatedAt).DefaultNow();
        b.Property(x => x.OnboardingQuestionnaire).Jsonb("{}");
        b.Property(x => x.CloudWaitlistEmail).HasMaxLength(254);
    }
}
