using Microsoft.EntityFrameworkCore;
using Multica.Application.Runtimes;
using Multica.Infrastructure.Persistence;

namespace Multica.Infrastructure.Runtimes;

public sealed class RuntimeLiveness(MulticaDbContext db) : IRuntimeLiveness
{
    public async Task<RuntimeTouch> TouchAsync(Guid runtimeId, DateTime now, CancellationToken ct)
    {
        // One statement: lock the row, remember whether it was offline, mark it online.
        var rows = await db.Database.SqlQuery<string>($"""
            UPDATE agent_runtime AS r
            SET status = 'online', last_seen_at = {now}, updated_at = {now}
            FROM (SELECT id, status FROM agent_runtime WHERE id = {runtimeId} FOR UPDATE) AS before
            WHERE r.id = before.id
            RETURNING before.status AS "Value"
            """).ToListAsync(ct);
        return rows.Count == 0 ? new RuntimeTouch(false, false) : new RuntimeTouch(true, rows[0] != "online");
    }
}
