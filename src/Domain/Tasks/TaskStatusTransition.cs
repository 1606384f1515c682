namespace Multica.Domain.Tasks;

/// <summary>
/// One named move of the task state machine: the statuses a task may be in for the move to apply, and the
/// status it ends in (null: the status does not change). Persistence applies a transition as one conditional statement whose WHERE clause takes
/// <see cref="From"/>, so a transition that lost a race matches no row.
/// </summary>
public sealed record TaskStatusTransition(string Name, IReadOnlyList<string> From, string? To)
{
    public bool Accepts(string status) => From.Contains(status);
}
