using System.Globalization;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>One page of a task's transcript: messages with seq &gt; since, ascending; <see cref="NextSince"/> is set when the page is full.</summary>
public sealed record TaskMessagePage(IReadOnlyList<TaskMessageDto> Messages, int? NextSince);

/// <summary>
/// Stored messages of one transcript read. A read stops at its count, or once the messages' bulk text (content, input
/// as JSON text, output; UTF-8 bytes) reaches its byte budget: the message that reaches it is the last one, so a page
/// always has a message when one is left. <see cref="CutByBytes"/>: the budget left messages out.
/// </summary>
public sealed record TaskMessageSlice(IReadOnlyList<TaskMessage> Messages, bool CutByBytes);

/// <summary>
/// The transcript read shared by the daemon and the user route: <c>since</c> (exclusive seq) and <c>limit</c> (page size,
/// <see cref="LimitOptions.TaskMessagesPageSize"/> when absent, never above <see cref="LimitOptions.TaskMessagesPageMax"/>);
/// a page also ends once its messages reach <see cref="LimitOptions.TaskMessagesPageBytes"/>.
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
        var slice = await tasks.ListMessagesAsync(task.Id, after, pageSize, Math.Max(1, options.TaskMessagesPageBytes), ct);
        var messages = slice.Messages;
        return new TaskMessagePage(messages.Select(m => TaskMapper.ToDto(m, task.IssueId)).ToList(),
            messages.Count > 0 && (messages.Count == pageSize || slice.CutByBytes) ? messages[^1].Seq : null);
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
