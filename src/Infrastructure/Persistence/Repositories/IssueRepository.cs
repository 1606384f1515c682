using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Issues;
using Multica.Application.Tasks.Claiming;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class IssueRepository(MulticaDbContext db, IssueNumberAllocator numbers, ITransactionRunner transactions,
    EmptyQueueMarks emptyQueues) : IIssueRepository
{
    public async Task<(IReadOnlyList<Issue> Items, int Total)> ListAsync(IssueFilter f, CancellationToken ct)
    {
        var query = db.Issues.AsNoTracking().Where(i => i.WorkspaceId == f.WorkspaceId);
        if (f.OpenOnly)
            query = query.Where(i => !IssueStatus.Closed.Contains(i.Status));
        else if (f.Status is not null)
            query = query.Where(i => i.Status == f.Status);
        if (f.Priority is not null)
            query = query.Where(i => i.Priority == f.Priority);
        if (f.AssigneeIds is { Count: > 0 } assignees)
            query = query.Where(i => i.AssigneeId != null && assignees.Contains(i.AssigneeId.Value));
        if (f.CreatorId is { } creator)
            query = query.Where(i => i.CreatorId == creator);
        if (f.ProjectId is { } project)
            query = query.Where(i => i.ProjectId == project);

        var ordered = query.OrderBy(i => i.Position).ThenByDescending(i => i.CreatedAt).ThenByDescending(i => i.Number);
        if (f.OpenOnly)
        {
            var all = await ordered.ToListAsync(ct);
            return (all, all.Count);
        }
        var total = await query.CountAsync(ct);
        var page = await ordered.Skip(f.Offset).Take(f.Limit).ToListAsync(ct);
        return (page, total);
    }

    // A primary-key lookup: on its generic plan (docs/daemon-protocol.md, "Plans").
    public Task<Issue?> FindAsync(Guid workspaceId, Guid issueId, CancellationToken ct) =>
        RawSql.FindInWorkspaceAsync<Issue>(db, issueId, workspaceId, ct);

    // Only the workspace row is locked (OF w): the issue is read, as FindAsync reads it.
    public Task<Issue?> FindSharingWorkspaceLockAsync(Guid workspaceId, Guid issueId, CancellationToken ct) =>
        RawSql.EntityAsync<Issue>(db, FindSharingWorkspaceLockSql, [RawSql.P("workspace", workspaceId), RawSql.P("id", issueId)], ct);

    private const string FindSharingWorkspaceLockSql = GenericPlanInterceptor.TagLine + """
        SELECT i.* FROM workspace w JOIN issue i ON i.workspace_id = w.id
        WHERE w.id = @workspace AND i.id = @id
        FOR KEY SHARE OF w
        """;

    public Task<Issue?> FindByNumberAsync(Guid workspaceId, int number, CancellationToken ct) =>
        db.Issues.AsNoTracking().FirstOrDefaultAsync(i => i.WorkspaceId == workspaceId && i.Number == number, ct);

    public async Task<IReadOnlyDictionary<int, Guid>> FindIdsByNumbersAsync(Guid workspaceId, IReadOnlyCollection<int> numbers, CancellationToken ct) =>
        await db.Issues.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && numbers.Contains(i.Number))
            .ToDictionaryAsync(i => i.Number, i => i.Id, ct);

    public async Task<string> CreateAsync(Issue issue, AgentTask? firstTask, CancellationToken ct)
    {
        var (number, prefix) = await numbers.NextAsync(issue.WorkspaceId, ct)
            ?? throw new InvalidOperationException($"workspace {issue.WorkspaceId} does not exist");
        issue.Number = number;
        // Both rows in one command: one round trip and, outside a transaction, one implicit transaction (one commit).
        await RawSql.InsertAsync<Issue, AgentTask>(db, [issue], firstTask is null ? [] : [firstTask], ct);
        if (firstTask is not null)
            emptyQueues.TaskInserted(firstTask.RuntimeId, transactions);
        return prefix;
    }

    public async Task UpdateAsync(Issue issue, CancellationToken ct)
    {
        db.Issues.Update(issue);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task DeleteAsync(Guid issueId, CancellationToken ct) => db.Issues.Where(i => i.Id == issueId).ExecuteDeleteAsync(ct);

    public Task<Guid?> ParentIdAsync(Guid issueId, CancellationToken ct) =>
        db.Issues.AsNoTracking().Where(i => i.Id == issueId).Select(i => i.ParentIssueId).FirstOrDefaultAsync(ct);

    public Task<bool> ProjectExistsAsync(Guid workspaceId, Guid projectId, CancellationToken ct) =>
        db.Projects.AnyAsync(p => p.Id == projectId && p.WorkspaceId == workspaceId, ct);

    public Task FailActiveAutopilotRunsAsync(Guid issueId, string reason, DateTime now, CancellationToken ct) =>
        db.AutopilotRuns
            .Where(r => r.IssueId == issueId && AutopilotRunStatus.Open.Contains(r.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, AutopilotRunStatus.Failed)
                .SetProperty(r => r.FailureReason, reason)
                .SetProperty(r => r.CompletedAt, now), ct);
}
