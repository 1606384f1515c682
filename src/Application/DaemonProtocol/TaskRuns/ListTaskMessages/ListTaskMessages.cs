using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.ListTaskMessages;

/// <summary>GET /api/daemon/tasks/{taskId}/messages[?since=N][&amp;limit=M] — one page of the transcript, seq ascending, only seq &gt; since when given.</summary>
public sealed record ListTaskMessagesQuery(string TaskId, string? Since, string? Limit = null) : IQuery<TaskMessagePage>, IDaemonTaskScoped;

public sealed class ListTaskMessagesValidator : AbstractValidator<ListTaskMessagesQuery>
{
    public ListTaskMessagesValidator()
    {
        RuleFor(x => x.Since).Must(TaskMessageListing.IsValidSince).WithMessage(TaskMessageListing.InvalidSince);
        RuleFor(x => x.Limit).Must(TaskMessageListing.IsValidLimit).WithMessage(TaskMessageListing.InvalidLimit);
    }
}

public sealed class ListTaskMessagesHandler(AccessScope scope, ITaskRepository tasks, IOptions<LimitOptions> options)
    : IQueryHandler<ListTaskMessagesQuery, TaskMessagePage>
{
    public async ValueTask<TaskMessagePage> Handle(ListTaskMessagesQuery query, CancellationToken ct) =>
        await TaskMessageListing.ListAsync(tasks, scope.RequireTask(), query.Since, query.Limit, options.Value, ct);
}
