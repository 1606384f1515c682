using System.Diagnostics;

namespace Multica.Application.Common.Timing;

/// <summary>
/// Per-request phase timings (e.g. auth_ms, claim_ms, build_ms) that handlers record and the
/// timing behaviour logs once when the request is slow.
/// </summary>
public interface IRequestTimings
{
    /// <summary>Measures the block until the returned scope is disposed and records it as <paramref name="phase"/>.</summary>
    PhaseScope Measure(string phase);
    void Record(string phase, TimeSpan elapsed);
    IReadOnlyDictionary<string, double> Phases { get; }
}

public readonly struct PhaseScope(IRequestTimings timings, string phase) : IDisposable
{
    private readonly long _start = Stopwatch.GetTimestamp();
    public void Dispose() => timings.Record(phase, Stopwatch.GetElapsedTime(_start));
}

public sealed class RequestTimings : IRequestTimings
{
    private readonly Dictionary<string, double> _phases = new();

    public PhaseScope Measure(string phase) => new(this, phase);

    public void Record(string phase, TimeSpan elapsed)
    {
        lock (_phases)
        {
            _phases.TryGetValue(phase, out var existing);
            _phases[phase] = existing + elapsed.TotalMilliseconds;
        }
    }

    public IReadOnlyDictionary<string, double> Phases
    {
        get { lock (_phases) return new Dictionary<string, double>(_phases); }
    }
}

public sealed class SlowRequestOptions
{
    public const string Section = "SlowRequests";
    /// <summary>Requests slower than this are logged once with their phases.</summary>
    public int ThresholdMs { get; set; } = 500;
}
