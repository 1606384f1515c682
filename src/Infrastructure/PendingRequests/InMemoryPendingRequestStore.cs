using Multica.Application.PendingRequests;

namespace Multica.Infrastructure.PendingRequests;

/// <summary>
/// Single-node store: one lock per store, records are immutable so callers always get snapshots.
/// Expired records (by retention, from creation) are swept on every create and claim.
/// </summary>
public sealed class InMemoryPendingRequestStore<T>(PendingRequestPolicy policy, TimeProvider time) : IPendingRequestStore<T>
    where T : PendingRequest
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _records = new(StringComparer.Ordinal);

    public PendingRequestPolicy Policy => policy;

    public Task<bool> TryCreateAsync(T request, CancellationToken ct)
    {
        lock (_lock)
        {
            var now = Now;
            Sweep(now);
            if (policy.OneActivePerRuntime && _records.Values.ToList().Any(r =>
                    r.RuntimeId == request.RuntimeId && !PendingStatus.IsTerminal(TimedOut(r, now).Status)))
                return Task.FromResult(false);
            _records[request.Id] = request;
            return Task.FromResult(true);
        }
    }

    public Task<T?> GetAsync(string id, CancellationToken ct)
    {
        lock (_lock)
            return Task.FromResult(_records.TryGetValue(id, out var record) ? TimedOut(record, Now) : null);
    }

    public Task<bool> HasPendingAsync(string runtimeId, CancellationToken ct)
    {
        lock (_lock)
        {
            var now = Now;
            return Task.FromResult(_records.Values.ToList().Any(r => r.RuntimeId == runtimeId && TimedOut(r, now).Status == PendingStatus.Pending));
        }
    }

    public Task<T?> ClaimNextAsync(string runtimeId, CancellationToken ct)
    {
        lock (_lock)
        {
            var now = Now;
            Sweep(now);
            // Snapshot first: applying a timeout writes the record back.
            var next = _records.Values.ToList()
                .Where(r => r.RuntimeId == runtimeId)
                .Select(r => TimedOut(r, now))
                .Where(r => r.Status == PendingStatus.Pending)
                .OrderBy(r => r.CreatedAt)
                .FirstOrDefault();
            if (next is null)
                return Task.FromResult<T?>(null);
            var claimed = PendingRequestPolicy.Claimed(next, now);
            _records[claimed.Id] = claimed;
            return Task.FromResult<T?>(claimed);
        }
    }

    public Task<FinishOutcome<T>> FinishAsync(string id, Func<T, T> change, CancellationToken ct)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(id, out var record))
                return Task.FromResult(new FinishOutcome<T>(FinishResult.NotFound, null));
            var now = Now;
            record = TimedOut(record, now);
            if (PendingStatus.IsTerminal(record.Status))
                return Task.FromResult(new FinishOutcome<T>(FinishResult.AlreadyTerminal, record));
            var changed = (T)(change(record) with { UpdatedAt = now });
            _records[id] = changed;
            return Task.FromResult(new FinishOutcome<T>(FinishResult.Updated, changed));
        }
    }

    /// <summary>Applies the timeout rule and keeps the result (callers hold the lock).</summary>
    private T TimedOut(T record, DateTime now)
    {
        var timedOut = policy.ApplyTimeout(record, now);
        if (timedOut is null)
            return record;
        _records[record.Id] = timedOut;
        return timedOut;
    }

    private void Sweep(DateTime now)
    {
        foreach (var stale in _records.Values.Where(r => now - r.CreatedAt > policy.Retention).Select(r => r.Id).ToList())
            _records.Remove(stale);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
