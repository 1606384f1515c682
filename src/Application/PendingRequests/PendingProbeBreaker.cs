namespace Multica.Application.PendingRequests;

/// <summary>
/// The heartbeat probe's circuit breaker (docs/reliability.md, "A slow Redis"). A store that is connected but slow
/// makes every probe wait out its 1 s bound; after <see cref="TripAfter"/> probes in a row did, heartbeats skip the
/// probe for <see cref="OpenFor"/>. Then one heartbeat probes again while the others keep skipping: its answer
/// closes the breaker, another timeout opens it again. A skipped probe only delays a pending request to a later
/// heartbeat (the request stays in the store) and never marks a runtime empty. The state is this node's view of
/// its own link to the store, as the connection itself is, so it is kept in memory.
/// </summary>
public sealed class PendingProbeBreaker(TimeProvider time)
{
    public const int TripAfter = 3;
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private int _timeouts;
    private long _openUntil; // a TimeProvider timestamp; 0 while closed
    private bool _trialRunning;

    public bool IsOpen => Volatile.Read(ref _openUntil) != 0;

    /// <summary>Whether this heartbeat may probe now; when true, report the outcome with <see cref="Record"/>.</summary>
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

    /// <summary>A probe entered through <see cref="TryEnter"/> ended without an outcome (its heartbeat was cancelled).</summary>
    public void Release()
    {
        lock (_gate)
            _trialRunning = false;
    }

    /// <summary>A probe ended: <paramref name="timedOut"/> when it ran into its bound (any other end closes the breaker).</summary>
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
