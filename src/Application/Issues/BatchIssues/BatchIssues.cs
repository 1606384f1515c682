using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Issues.DeleteIssue;
using Multica.Application.Issues.UpdateIssue;

namespace Multica.Application.Issues.BatchIssues;

/// <summary>
/// POST /api/issues/batch-update {"issue_ids", "updates"}: applies <see cref="Updates"/> (the fields of PUT /api/issues/{id},
/// with <see cref="UpdateIssueCommand.IssueId"/> unused) to each listed issue through the single-issue update, so every
/// rule, event and task effect is that route's. An id that is not a UUID of this workspace, or whose update is refused,
/// is skipped; the answer counts the updated ones.
/// </summary>
public sealed record BatchUpdateIssuesCommand(string WorkspaceId, IReadOnlyList<string>? IssueIds, UpdateIssueCommand Updates)
    : ICommand<BatchUpdateResultDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

/// <summary>POST /api/issues/batch-delete {"issue_ids"}: deletes each listed issue as DELETE /api/issues/{id} does, skipping the ones it cannot.</summary>
public sealed record BatchDeleteIssuesCommand(string WorkspaceId, IReadOnlyList<string>? IssueIds, ActorHints Actor)
    : ICommand<BatchDeleteResultDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed record BatchUpdateResultDto(int Updated);

public sealed record BatchDeleteResultDto(int Deleted);

/// <summary>
/// Both batches run in one transaction: the single-issue commands join it, so either every accepted change is
/// stored or none is, and their events and task wake-ups are published only after the commit.
/// </summary>
public sealed class BatchIssuesHandlers(ISender sender, ITransactionRunner transactions)
    : ICommandHandler<BatchUpdateIssuesCommand, BatchUpdateResultDto>, ICommandHandler<BatchDeleteIssuesCommand, BatchDeleteResultDto>
{
    public async ValueTask<BatchUpdateResultDto> Handle(BatchUpdateIssuesCommand c, CancellationToken ct) =>
        new(await ForEachAsync(c.IssueIds, (id, token) => sender.Send(c.Updates with { IssueId = id }, token).AsTask(), ct));

    public async ValueTask<BatchDeleteResultDto> Handle(BatchDeleteIssuesCommand c, CancellationToken ct) =>
        new(await ForEachAsync(c.IssueIds, (id, token) => sender.Send(new DeleteIssueCommand(c.WorkspaceId, id, c.Actor), token).AsTask(), ct));

    /// <returns>How many issues <paramref name="apply"/> succeeded for.</returns>
    private async Task<int> ForEachAsync(IReadOnlyList<string>? issueIds, Func<string, CancellationToken, Task> apply, CancellationToken ct)
    {
        if (issueIds is not { Count: > 0 })
            throw new BadRequestException("issue_ids is required");
        // Issues are addressed by UUID only here (the identifier form is for single-issue routes).
        var ids = issueIds.Select(Ids.Parse).OfType<Guid>().Select(id => id.ToString()).ToList();
        return await transactions.RunAsync(async token =>
        {
            var done = 0;
            foreach (var id in ids)
            {
                try
                {
                    await apply(id, token);
                    done++;
                }
                catch (AppException e) when (e.StatusCode < 500)
                {
                    // Not in this workspace, or refused by the single-issue rules (checked before anything is written):
                    // skipped, as upstream does. Anything else fails the whole batch and rolls it back.
                }
            }
            return done;
        }, ct);
    }
}
