namespace Multica.Application.Common.Security;

/// <summary>/api/daemon route addressing a task: 404 "task not found", then 404 "not found".</summary>
public interface IDaemonTaskScoped
{
    string TaskId { get; }
}
