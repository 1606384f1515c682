using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class VerificationCodeRepository(MulticaDbContext db) : IVerificationCodeRepository
{
    public Task<VerificationCode?> FindLatestAsync(string email, CancellationToken ct) =>
        db.VerificationCodes.AsNoTracking().Where(c => c.Email == email)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);

    public Task<VerificationCode?> FindLiveAsync(string email, DateTime now, int maxAttempts, CancellationToken ct) =>
        db.VerificationCodes.AsNoTracking()
            .Where(c => c.Email == email && !c.Used && c.ExpiresAt > now && c.Attempts < maxAttempts)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);

    public async Task AddAsync(VerificationCode code, CancellationToken ct)
    {
        db.VerificationCodes.Add(code);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public Task IncrementAttemptsAsync(Guid id, CancellationToken ct) =>
        db.VerificationCodes.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);

    public async Task<bool> MarkUsedAsync(Guid id, CancellationToken ct) =>
        await db.VerificationCodes.Where(c => c.Id == id && !c.Used).ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct) == 1;

    public Task PurgeExpiredAsync(DateTime before, CancellationToken ct) =>
        db.VerificationCodes.Where(c => c.ExpiresAt < before).ExecuteDeleteAsync(ct);
}
