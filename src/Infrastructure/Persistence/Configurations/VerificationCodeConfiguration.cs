using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class VerificationCodeConfiguration : IEntityTypeConfiguration<VerificationCode>
{
    public void Configure(EntityTypeBuilder<VerificationCode> b)
    {
        b.ToTable("verification_code");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Used).HasDefaultValue(false);
        b.Property(x => x.Attempts).HasDefaultValue(0);
        b.Property(x => x.CreatedAt).DefaultNow();
        b.HasIndex(x => new { x.Email, x.CreatedAt }).IsDescending(false, true);
    }
}
