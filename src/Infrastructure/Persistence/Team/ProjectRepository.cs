using Microsoft.EntityFrameworkCore;
using Multica.Application.Projects;
using Multica.Application.Search.Shared;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class ProjectRepository(MulticaDbContext db) : IProjectRepository
{

    private static readonly string SearchSql = $"""
        SELECT p.id, m.match_source, COUNT(*) OVER () AS total
        FROM project p
        CROSS JOIN LATERAL (SELECT
            lower(p.title) LIKE @phrase AS title_phrase,
            cardinality(@words) > 1 AND NOT EXISTS (SELECT 1 FROM unnest(@words) w WHERE lower(p.title) NOT LIKE w) AS title_words,
            lower(coalesce(p.description, '')) LIKE @phrase AS desc_phrase,
            cardinality(@words) > 1 AND NOT EXISTS (
                SELECT 1 FROM unnest(@words) w WHERE NOT (lower(p.title) LIKE w OR lower(coalesce(p.description, '')) LIKE w)) AS all_words) f
        CROSS JOIN LATERAL (SELECT CASE WHEN f.title_phrase OR f.title_words THEN 'title' ELSE 'description' END AS match_source) m
        WHERE p.workspace_id = @ws AND (f.title_phrase OR f.desc_phrase OR f.all_words)
          AND (@closed OR p.status NOT IN ({StatusSql.List(ProjectStatus.Closed)}))
        ORDER BY CASE WHEN lower(p.title) = @exact THEN 0 WHEN lower(p.title) LIKE @prefix THEN 1 WHEN f.title_phrase THEN 2
                      WHEN f.title_words THEN 3 WHEN f.desc_phrase THEN 4 ELSE 5 END,
                 p.updated_at DESC, p.id
        LIMIT @limit OFFSET @offset
        """;

    public async Task<IReadOnlyList<Project>> ListAsync(Guid workspaceId, string? status, string? priority, CancellationToken ct)
    {
        var query = db.Projects.AsNoTracking().Where(p => p.WorkspaceId == workspaceId);
        if (status is not null)
            query = query.Where(p => p.Status == status);
        if (priority is not null)
            query = query.Where(p => p.Priority == priority);
        return await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
    }

    public Task<Project?> FindAsync(Guid workspaceId, Guid projectId, CancellationToken ct) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId && p.WorkspaceId == workspaceId, ct);

    public async Task AddAsync(Project project, CancellationToken ct)
    {
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task UpdateAsync(Project p, CancellationToken ct) =>
        db.Projects.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Title, p.Title)
            .SetProperty(x => x.Description, p.Description)
            .SetProperty(x => x.Icon, p.Icon)
            .SetProperty(x => x.Status, p.Status)
            .SetProperty(x => x.Priority, p.Priority)
            .SetProperty(x => x.LeadType, p.LeadType)
            .SetProperty(x => x.LeadId, p.LeadId)
            .SetProperty(x => x.UpdatedAt, p.UpdatedAt), ct);

    public Task DeleteAsync(Guid projectId, CancellationToken ct) => db.Projects.Where(p => p.Id == projectId).ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, (long Total, long Done)>> IssueStatsAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0)
            return new Dictionary<Guid, (long, long)>();
        var rows = await db.Issues.AsNoTracking().Where(i => i.ProjectId != null && projectIds.Contains(i.ProjectId.Value))
            .GroupBy(i => i.ProjectId!.Value)
            .Select(g => new { Id = g.Key, Total = g.LongCount(), Done = g.LongCount(i => IssueStatus.Closed.Contains(i.Status)) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (r.Total, r.Done));
    }

    public async Task<(IReadOnlyList<(Project Project, string MatchSource)> Hits, int Total)> SearchAsync(Guid workspaceId, IssueSearchTerms terms,
        int limit, int offset, CancellationToken ct)
    {
        var rows = await QueryAsync(db, SearchSql,
        [
            P("ws", workspaceId),
            P("phrase", IssueSearchTerms.Contains(terms.Phrase)),
            P("prefix", IssueSearchTerms.StartsWith(terms.Phrase)),
            P("exact", terms.Phrase),
            Texts("words", terms.Words.Select(IssueSearchTerms.Contains)),
            P("closed", terms.IncludeClosed),
            P("limit", limit),
            P("offset", offset),
        ], r => (Id: r.GetGuid(0), Source: r.GetString(1), Total: (int)r.GetInt64(2)), ct);
        if (rows.Count == 0)
            return ([], 0);
        var ids = rows.Select(r => r.Id).ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return (rows.Where(r => projects.ContainsKey(r.Id)).Select(r => (projects[r.Id], r.Source)).ToList(), rows[0].Total);
    }
}
