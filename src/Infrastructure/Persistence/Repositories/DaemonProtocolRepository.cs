using Multica.Application.DaemonProtocol;
using Microsoft.EntityFrameworkCore;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;
using Multica.Infrastructure.Persistence;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class DaemonProtocolRepository(MulticaDbContext db) : IDaemonProtocolRepository
{
    public async Task<IReadOnlyList<WorkspaceSummary>> ListMemberWorkspacesAsync(Guid userId, CancellationToken ct) =>
        await db.Workspaces.AsNoTracking()
            .Where(w => db.Members.Any(m => m.WorkspaceId == w.Id && m.UserId == userId))
            .OrderBy(w => w.Id)
            .Select(w => new WorkspaceSummary(w.Id, w.Name))
            .ToListAsync(ct);

    public Task<WorkspaceSummary?> FindWorkspaceAsync(Guid workspaceId, CancellationToken ct) =>
        db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => new WorkspaceSummary(w.Id, w.Name)).FirstOrDefaultAsync(ct);

    public async Task<AgentTask?> ExtendPrepareLeaseAsync(Guid taskId, Guid runtimeId, DateTime until, CancellationToken ct)
    {
        var updated = await db.Tasks
            .Where(t => t.Id == taskId && t.RuntimeId == runtimeId && t.StartedAt == null &&
                        TaskStateMachine.ExtendLease.From.Contains(t.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.PrepareLeaseExpiresAt, until), ct);
        return updated == 0 ? null : await FindTaskAsync(taskId, ct);
    }

    public async Task<AgentTask?> MarkWaitingLocalDirectoryAsync(Guid taskId, string? reason, DateTime leaseUntil, CancellationToken ct)
    {
        var updated = await db.Tasks
            .Where(t => t.Id == taskId && TaskStateMachine.ParkForLocalDirectory.From.Contains(t.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, TaskStateMachine.ParkForLocalDirectory.To!)
                .SetProperty(t => t.WaitReason, reason)
                .SetProperty(t => t.PrepareLeaseExpiresAt, leaseUntil), ct);
        return updated == 0 ? null : await FindTaskAsync(taskId, ct);
    }

    public async Task<bool> RecordCancelAckAsync(Guid taskId, CancelAckFields fields, CancellationToken ct)
    {
        // One statement; each column is filled only while still empty, so replays never overwrite.
        var acknowledgeable = TaskStateMachine.AcknowledgeCancel.From.ToArray();
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE agent_task_queue SET
                durable_work_dir = CASE WHEN coalesce(durable_work_dir, '') = '' AND {fields.DurableWorkDir}::text IS NOT NULL
                                        THEN {fields.DurableWorkDir}::text ELSE durable_work_dir END,
                branch_name = CASE WHEN coalesce(branch_name, '') = '' AND {fields.BranchName}::text IS NOT NULL
                                   THEN {fields.BranchName}::text ELSE branch_name END,
                failure_reason = CASE WHEN coalesce(error, '') = '' AND {fields.ErrorMessage}::text IS NOT NULL
                                      THEN coalesce({fields.FailureReason}::text, failure_reason) ELSE failure_reason END,
                error = CASE WHEN coalesce(error, '') = '' AND {fields.ErrorMessage}::text IS NOT NULL
                             THEN {fields.ErrorMessage}::text ELSE error END
            WHERE id = {taskId} AND status = ANY({acknowledgeable}) AND (
                (coalesce(durable_work_dir, '') = '' AND {fields.DurableWorkDir}::text IS NOT NULL) OR
                (coalesce(branch_name, '') = '' AND {fields.BranchName}::text IS NOT NULL) OR
                (coalesce(error, '') = '' AND {fields.ErrorMessage}::text IS NOT NULL))
            """, ct);
        return rows > 0;
    }

    public Task<GcState?> FindChatSessionGcAsync(Guid sessionId, CancellationToken ct) =>
        db.ChatSessions.AsNoTracking().Where(c => c.Id == sessionId)
            .Select(c => new GcState(c.WorkspaceId, c.Status, c.UpdatedAt)).FirstOrDefaultAsync(ct);

    public Task<GcState?> FindAutopilotRunGcAsync(Guid runId, CancellationToken ct) =>
        db.AutopilotRuns.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.Autopilots, r => r.AutopilotId, a => a.Id, (r, a) => new GcState(a.WorkspaceId, r.Status, r.CompletedAt))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<IssueGcState>> FindIssuesGcAsync(Guid workspaceId, IReadOnlyCollection<Guid> issueIds, CancellationToken ct)
    {
        if (issueIds.Count == 0)
            return [];
        var ids = issueIds.ToArray();
        return await db.Issues.AsNoTracking().Where(i => i.WorkspaceId == workspaceId && ids.Contains(i.Id))
            .Select(i => new IssueGcState(i.Id, i.Status, i.UpdatedAt)).ToListAsync(ct);
    }

    public async Task<bool> TryRenewPersonalAccessTokenAsync(Guid tokenId, DateTime? expectedExpiry, DateTime newExpiry, CancellationToken ct) =>
        await db.PersonalAccessTokens.Where(t => t.Id == tokenId && !t.Revoked && t.ExpiresAt == expectedExpiry)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, newExpiry), ct) == 1;

    public async Task<IReadOnlyList<AgentSkillBundle>> ListAgentSkillsAsync(Guid agentId, CancellationToken ct)
    {
        var skills = await db.AgentSkills.AsNoTracking().Where(a => a.AgentId == agentId)
            .Join(db.Skills, a => a.SkillId, s => s.Id, (a, s) => s).ToListAsync(ct);
        var skillIds = skills.Select(s => s.Id).ToArray();
        var files = await db.SkillFiles.AsNoTracking().Where(f => skillIds.Contains(f.SkillId)).ToListAsync(ct);
        return skills.Select(s => new AgentSkillBundle(s.Id, s.Name, s.Description, s.Content,
            files.Where(f => f.SkillId == s.Id).Select(f => (f.Path, f.Content)).ToList())).ToList();
    }

    private Task<AgentTask?> FindTaskAsync(Guid taskId, CancellationToken ct) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
}
