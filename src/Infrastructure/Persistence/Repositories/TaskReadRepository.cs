using Microsoft.EntityFrameworkCore;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class TaskReadRepository(MulticaDbContext db) : ITaskReadRepository
{
    private static readonly IReadOnlyList<string> Active = TaskStateMachine.Active;
    private static readonly IReadOnlyList<string> Pending = TaskStateMachine.Pending;

    public Task<AgentTask?> FindAsync(Guid taskId, CancellationToken ct) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);

    public async Task<IReadOnlyList<AgentTask>> ListForAgentAsync(Guid agentId, CancellationToken ct) =>
        await db.Tasks.AsNoTracking().Where(t => t.AgentId == agentId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(ct);

    public Task<bool> HasPendingAsync(Guid issueId, Guid agentId, CancellationToken ct) =>
        db.Tasks.AnyAsync(t => t.IssueId == issueId && t.AgentId == agentId &&
            Pending.Contains(t.Status), ct);

    public Task<AgentTask?> LatestActiveForChatSessionAsync(Guid chatSessionId, CancellationToken ct) =>
        db.Tasks.AsNoTracking().Where(t => t.ChatSessionId == chatSessionId && Active.Contains(t.Status))
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<AgentTask>> ActiveForUserChatSessionsAsync(Guid userId, Guid workspaceId, CancellationToken ct) =>
        await db.Tasks.AsNoTracking()
            .Where(t => Active.Contains(t.Status) &&
                db.ChatSessions.Any(s => s.Id == t.ChatSessionId && s.CreatorId == userId && s.WorkspaceId == workspaceId))
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    public async Task<Guid?> ResolveWorkspaceIdAsync(AgentTask task, CancellationToken ct)
    {
        if (task.IssueId is { } issueId)
            return await db.Issues.Where(i => i.Id == issueId).Select(i => (Guid?)i.WorkspaceId).FirstOrDefaultAsync(ct);
        if (task.ChatSessionId is { } sessionId)
            return await db.ChatSessions.Where(s => s.Id == sessionId).Select(s => (Guid?)s.WorkspaceId).FirstOrDefaultAsync(ct);
        if (task.AutopilotRunId is { } runId)
            return await db.AutopilotRuns.Where(r => r.Id == runId)
                .Join(db.Autopilots, r => r.AutopilotId, a => a.Id, (r, a) => (Guid?)a.WorkspaceId).FirstOrDefaultAsync(ct);
        return null;
    }
}
