namespace Multica.Domain.Constants;

// The text values stored in CHECK-constrained columns. They are also the wire values.
public static class AgentTaskStatus
{
    public const string Queued = "queued";
    public const string Dispatched = "dispatched";
    public const string WaitingLocalDirectory = "waiting_local_directory";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Queued, Dispatched, WaitingLocalDirectory, Running, Completed, Failed, Cancelled];
}
