namespace Multica.Application.Tasks;

/// <summary>Task machinery settings (section "Tasks").</summary>
public sealed class TaskOptions
{
    public const string Section = "Tasks";
    /// <summary>Never below this: the stock daemon's 30 s HTTP timeout plus its 3 s claim poll, with margin.</summary>
    public const int MinRedispatchGraceSeconds = 35;

    /// <summary>
    /// A task dispatched to a runtime and never started is offered to that runtime again after this
    /// long (its claim response was probably lost). Values below 35 s are raised to 35 s.
    /// </summary>
    public int RedispatchGraceSeconds { get; set; } = 60;

    /// <summary>Prepare lease set at claim: the task is not re-offered before it runs out.</summary>
    public int PrepareLeaseSeconds { get; set; } = 45;

    /// <summary>How many pending rows per runtime one claim looks at (bounds its cost on deep queues).</summary>
    public int ClaimScanLimit { get; set; } = 256;

    /// <summary>
    /// How long an empty claim poll is remembered (docs/daemon-protocol.md, "Empty polls"). Inserts and relayed
    /// wake-ups clear it at once; the lifetime only bounds a wake-up that never reached this node.
    /// </summary>
    public int EmptyPollMarkSeconds { get; set; } = 30;

    /// <summary>Lifetime of a task-scoped mat_ token (deleted earlier when the task ends).</summary>
    public int TaskTokenHours { get; set; } = 24;

    public TimeSpan RedispatchGrace => TimeSpan.FromSeconds(Math.Max(MinRedispatchGraceSeconds, RedispatchGraceSeconds));
}
