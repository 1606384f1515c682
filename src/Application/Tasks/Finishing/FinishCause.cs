namespace Multica.Application.Tasks.Finishing;

/// <summary>Why a task finished: decides which steps of the finish pipeline apply.</summary>
public enum FinishCause
{
    /// <summary>The daemon completed it.</summary>
    Completed,
    /// <summary>The daemon reported a failure.</summary>
    Failed,
    /// <summary>A member, a reassignment, a deletion or an archived agent cancelled it.</summary>
    Cancelled,
    /// <summary>The infrastructure failed it: restarted daemon, offline runtime, timeout.</summary>
    InfrastructureFailed,
}
