namespace Multica.Infrastructure;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    /// <summary>Apply pending EF Core migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
    public int MaxPoolSize { get; set; } = 100;
    /// <summary>
    /// Skip Npgsql's session reset when a pooled connection is handed out again. The one session state a pooled
    /// connection keeps is its plan mode, which GenericPlanInterceptor sets before each statement that needs the
    /// other one and remembers per session (transaction settings are SET LOCAL; the advisory locks live on their
    /// own unpooled connections), so the reset is pure cost: several statements per connection checkout. With the
    /// reset on, a remembered generic mode can be stale: a tagged statement then runs on a custom plan once.
    /// </summary>
    public bool NoResetOnClose { get; set; } = true;
    /// <summary>
    /// Npgsql automatic preparation: up to this many of a connection's most used statements are parsed once, then
    /// only planned (see ForceCustomPlans) and executed (0 turns it off).
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>
    /// Sessions start with <c>plan_cache_mode = force_custom_plan</c>: a prepared statement skips parsing but is
    /// planned for its actual parameter values on every call. A generic plan (PostgreSQL's choice after five calls)
    /// is blind to skew: the empty-poll probe's generic plan became a sequential scan, cheap while most queued
    /// rows belong to one runtime and 300 ms for every runtime that has none (docs/benchmarks.md). The few
    /// statements measured to be safe on generic plans opt in per transaction with the generic-plan tag
    /// (GenericPlanInterceptor).
    /// </summary>
    public bool ForceCustomPlans { get; set; } = true;

    /// <summary>
    /// Sessions start with <c>jit = off</c>. PostgreSQL compiles a statement's expressions with LLVM when its
    /// estimated cost passes <c>jit_above_cost</c>, on every execution (the compiled code is not kept with the plan):
    /// tens to hundreds of milliseconds of CPU for a statement that runs in under one. The claim's agent walk crossed that
    /// line on its generic plan once the statistics had seen a deep queue, and every claim then paid 150–600 ms
    /// (docs/benchmarks.md, twenty-third stop). No statement of this server runs long enough to gain from it.
    /// </summary>
    public bool DisableJit { get; set; } = true;
}
