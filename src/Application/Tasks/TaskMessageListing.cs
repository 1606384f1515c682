using System.Globalization;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>The transcript listing shared by the daemon route and the user route.</summary>
public static class TaskMessageListing
{
    public const string InvalidSince = "invalid since parameter";

    public static bool IsValidSince(string? since) =>
        string.IsNullOrEmpty(since) || long.TryParse(since, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public static async Task<IReadOnlyList<TaskMessageDto>> ListAsync(ITaskRepository tasks, AgentTask task, string? since, CancellationToken ct)
    {
        int? after = null;
        if (!string.IsNullOrEmpty(since))
        {
            // Seq is an int: anything beyond its range selects everything or nothing.
            var value = long.Parse(since, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (value >= int.MaxValue)
                return [];
            after = (int)Math.Max(value, int.MinValue);
        }
        var messages = await tasks.ListMessagesAsync(task.Id, after, ct);
        return messages.Select(m => TaskMapper.ToDto(m, task.IssueId)).ToList();
    }
}
