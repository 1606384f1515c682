namespace Multica.Application.Common.Security;

/// <summary>/api/daemon route addressing a task: 404 "task not found", then 404 "not found".</summary>
public interface IDaemonTaskScoped
{
    string TaskId { get; }
}

/// <summary>
/// A task route whose handler needs only the task's <see cref="TaskRef"/> (its identity), never its current row:
/// its access check is served from a short in-memory cache that the claim fills, so the task's hot routes (start,
/// messages, usage, progress, complete, fail) skip the access query. The handler's own write decides on the
/// task's state; one that finds no task answers as a missing task would.
/// </summary>
public interface IDaemonTaskRefScoped : IDaemonTaskScoped;
