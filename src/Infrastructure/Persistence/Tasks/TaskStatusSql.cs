namespace Multica.Infrastructure.Persistence.Tasks;

/// <summary>Renders a status set of the task state machine as an SQL literal list: <c>'queued', 'dispatched'</c>.</summary>
public static class TaskStatusSql
{
    public static string List(IEnumerable<string> statuses) => string.Join(", ", statuses.Select(s => $"'{s}'"));
}
