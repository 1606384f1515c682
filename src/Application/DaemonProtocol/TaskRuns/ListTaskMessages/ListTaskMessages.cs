using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.ListTaskMessages;

/// <summary>GET /api/daemon/tasks/{taskId}/messages[?since=N] — the transcript, seq ascending, only seq &gt; since when given.</summary>
public sealed record ListTaskMessagesQuery(string TaskId, string? Since) : IQuery<IReadOnlyList<TaskMessageDto>>, IDaemonTaskScoped;

public sealed class ListTaskMessagesValidator : AbstractValidator<ListTaskMessagesQuery>
{
    public ListTaskMessagesValidator() =>
        RuleFor(x => x.Since).Must(TaskMessageListing.IsValidSince).WithMessage(TaskMessageListing.InvalidSince);
}

public sealed class ListTaskMessagesHandler(AccessScope scope, ITaskRepository tasks)
    : IQueryHandler<ListTaskMessagesQuery, IReadOnlyList<TaskMessageDto>>
{
    public async ValueTask<IReadOnlyList<TaskMessageDto>> Handle(ListTaskMessagesQuery query, CancellationToken ct) =>
        await TaskMessageListing.ListAsync(tasks, scope.RequireTask(), query.Since, ct);
}
