using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

public interface IVerificationCodeRepository
{
    Task<VerificationCode?> FindLatestAsync(string email, CancellationToken ct);
    /// <summary>Latest code for the email that is unused, unexpired and has fewer than <paramref name="maxAttempts"/> failures.</summary>
    Task<VerificationCode?> FindLiveAsync(string email, DateTime now, int maxAttempts, CancellationToken ct);
    Task AddAsync(VerificationCode code, CancellationToken ct);
    Task IncrementAttemptsAsync(Guid id, CancellationToken ct);
    /// <summary>Marks the code used; false when another request used it first.</summary>
    Task<bool> MarkUsedAsync(Guid id, CancellationToken ct);
    Task PurgeExpiredAsync(DateTime before, CancellationToken ct);
}
