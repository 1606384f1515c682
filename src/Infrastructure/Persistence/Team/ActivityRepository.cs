using Microsoft.EntityFrameworkCore;
using Multica.Application.Activity;
using Multica.Domain.Entities;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class ActivityRepository(MulticaDbContext db) : IActivityRepository
{
    public async Task AddAsync(ActivityLog entry, CancellationToken ct)
    {
        db.ActivityLogs.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<ActivityLog>> ListForIssueAsync(Guid issueId, int limit, CancellationToken ct) =>
        await db.ActivityLogs.AsNoTracking().Where(a => a.IssueId == issueId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(limit).ToListAsync(ct);

    public async Task<IReadOnlyList<(string AssigneeType, Guid AssigneeId, long Frequency)>> AssigneeFrequencyAsync(Guid workspaceId,
        Guid userId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<FrequencyRow>("""
            SELECT assignee_type AS "AssigneeType", assignee_id AS "AssigneeId", SUM(n)::bigint AS "Frequency" FROM (
                SELECT details->>'to_type' AS assignee_type, (details->>'to_id')::uuid AS assignee_id, COUNT(*) AS n
                FROM activity_log
                WHERE workspace_id = @ws AND actor_id = @user AND actor_type = 'member' AND action = 'assignee_changed'
                  AND details->>'to_type' IS NOT NULL
                  AND length(details->>'to_id') = 36 AND details->>'to_id' ~* '^[0-9a-f-]+$'
                GROUP BY 1, 2
                UNION ALL
                SELECT assignee_type, assignee_id, COUNT(*)
                FROM issue
                WHERE workspace_id = @ws AND creator_id = @user AND creator_type = 'member'
                  AND assignee_type IS NOT NULL AND assignee_id IS NOT NULL
                GROUP BY 1, 2
            ) f
            GROUP BY 1, 2
            ORDER BY 3 DESC, 1, 2
            """, P("ws", workspaceId), P("user", userId)).ToListAsync(ct);
        return rows.Select(r => (r.AssigneeType, r.AssigneeId, r.Frequency)).ToList();
    }

    private sealed class FrequencyRow
    {
        public string AssigneeType { get; set; } = "";
        public Guid AssigneeId { get; set; }
        public long Frequency { get; set; }
    }
}
