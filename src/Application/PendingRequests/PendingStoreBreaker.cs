namespace Multica.Application.PendingRequests;

/// <summary>
/// The pending-request store's circuit breaker (docs/reliability.md, "A slow Redis"). A store that is connected but
/// slow makes every call wait out its bound (1 s: the heartbeat's probe bound, the Redis client's command timeout);
/// after <see cref="TripAfter"/> calls in a row did, the store is not asked for <see cref="OpenFor"/>: heartbeats skip
/// their probe, and the store's own operations (create, read, claim, report) fail at once with the error they would
/// have given after the wait. Then one call goes through as a trial while the others keep skipping: its answer
/// closes the breaker, another timeout opens it again. A skipped probe only delays a pending request to a later
/// heartbeat (the request stays in the store) and never marks a runtime empty. The state is this node's view of
/// its own link to the store, as the connection itself is, so it is kept in memory.
/// </summary>
public sealed class PendingStoreBreaker(TimeProvider time)
{
    public const int TripAfter = 3;
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private int _timeouts;
    private long _openUntil; // a TimeProvider timestamp; 0 while closed
    private bool _trialRunning;

    public bool IsOpen => Volatile.Read(ref _openUntil) != 0;

    /// <summary>Whether a call may go to the store now; when true, report its outcome with <see cref="Record"/> (or <see cref="Release"/>).</summary>
    public bool TryEnter()
    {
        if (Volatile.Read(ref _openUntil) == 0)
            return true;
        lock (_gate)
        {
            if (_openUntil == 0)
                return true;
            if (_trialRunning || time.GetTimestamp() < _openUntil)
                return false;
            _trialRunning = true;
            return true;
        }
    }

    /// <summary>
    /// Runs a call <see cref="TryEnter"/> let through and reports how it ended, the one place that does: a failure
    /// <paramref name="timedOut"/> recognises counts toward opening the breaker, another cancellation (the request
    /// went away) says nothing about the store and hands a trial over, any other end closes the breaker.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, Func<Exception, bool> timedOut)
    {
        try
        {
            var result = await call();
            Record(timedOut: false);
            return result;
        }
        catch (Exception ex) when (timedOut(ex))
        {
            Record(timedOut: true);
            throw;
        }
        catch (OperationCanceledException)
        {
            Release();
            throw;
        }
        catch
        {
            Record(timedOut: false);
            throw;
        }
    }

    /// <summary>A call entered through <see cref="TryEnter"/> ended without an outcome (its request was cancelled).</summary>
    public void Release()
    {
        lock (_gate)
            _trialRunning = false;
    }

    /// <summary>A call ended: <paramref name="timedOut"/> when it ran into its bound (any other end closes the breaker).</summary>
    public void Record(bool timedOut)
    {
        if (!timedOut && Volatile.Read(ref _openUntil) == 0 && Volatile.Read(ref _timeouts) == 0)
            return;
        lock (_gate)
        {
            _trialRunning = false;
            if (!timedOut)
            {
                _timeouts = 0;
                _openUntil = 0;
                return;
            }
            if (++_timeouts >= TripAfter || _openUntil != 0)
                _openUntil = time.GetTimestamp() + (long)(OpenFor.TotalSeconds * time.TimestampFrequency);
        }
    }
}
