using System.Globalization;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>One page of a task's transcript: messages with seq &gt; since, ascending; <see cref="NextSince"/> is set when the page is full.</summary>
public sealed record TaskMessagePage(IReadOnlyList<TaskMessageDto> Messages, int? NextSince);

/// <summary>
/// The transcript read shared by the daemon and the user route: <c>since</c> (exclusive seq) and <c>limit</c> (page size,
/// <see cref="LimitOptions.TaskMessagesPageSize"/> when absent, never above <see cref="LimitOptions.TaskMessagesPageMax"/>).
/// </summary>
public static class TaskMessageListing
{
    public const string InvalidSince = "invalid since parameter";
    public const string InvalidLimit = "invalid limit parameter";

    /// <summary>The response header that carries the <c>since</c> of the next page when this one is full.</summary>
    public const string NextSinceHeader = "X-Next-Since";

    public static bool IsValidSince(string? since) =>
        string.IsNullOrEmpty(since) || long.TryParse(since, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public static bool IsValidLimit(string? limit) =>
        string.IsNullOrEmpty(limit) || (long.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0);

    /// <summary>Checks both parameters (400 with the upstream string for <c>since</c>).</summary>
    public static void Validate(string? since, string? limit)
    {
        if (!IsValidSince(since))
            throw new BadRequestException(InvalidSince);
        if (!IsValidLimit(limit))
            throw new BadRequestException(InvalidLimit);
    }

    public static async Task<TaskMessagePage> ListAsync(ITaskRepository tasks, AgentTask task, string? since, string? limit, LimitOptions options,
        CancellationToken ct)
    {
        int? after = null;
        if (!string.IsNullOrEmpty(since))
        {
            // Seq is an int: anything beyond its range selects everything or nothing.
            var value = long.Parse(since, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (value >= int.MaxValue)
                return new TaskMessagePage([], null);
            after = (int)Math.Max(value, int.MinValue);
        }
        var pageSize = PageSize(limit, options);
        var messages = await tasks.ListMessagesAsync(task.Id, after, pageSize, ct);
        return new TaskMessagePage(messages.Select(m => TaskMapper.ToDto(m, task.IssueId)).ToList(),
            messages.Count == pageSize ? messages[^1].Seq : null);
    }

    private static int PageSize(string? limit, LimitOptions options)
    {
        var max = Math.Max(1, options.TaskMessagesPageMax);
        if (string.IsNullOrEmpty(limit))
            return Math.Clamp(options.TaskMessagesPageSize, 1, max);
        var value = long.Parse(limit, NumberStyles.None, CultureInfo.InvariantCulture);
        return (int)Math.Min(value, max);
    }
}
