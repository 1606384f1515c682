namespace Multica.Infrastructure.Persistence;

/// <summary>
/// Renders a status set named in the Domain (a task state machine set, <c>IssueStatus.Closed</c>…) as an SQL literal
/// list, <c>'queued', 'dispatched'</c>: the one way SQL text and index filters get a status list
/// (docs/task-state-machine.md).
/// </summary>
public static class StatusSql
{
    public static string List(IEnumerable<string> statuses) => string.Join(", ", statuses.Select(s => $"'{s}'"));
}
