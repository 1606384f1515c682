using Multica.Domain.Constants;
using Microsoft.EntityFrameworkCore;
using Multica.Application.Search;
using Multica.Application.Search.Shared;
using NpgsqlTypes;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

/// <summary>
/// Issue search. Candidates come from the trigram indexes (lower(title), lower(description), lower(comment.content))
/// for the most selective word, plus the issue number; the exact match rules and the ranking run on those only.
/// </summary>
public sealed class SearchRepository(MulticaDbContext db) : ISearchRepository
{
    private static readonly string IssueSearchSql = $"""
        WITH candidates AS (
            SELECT id FROM issue WHERE workspace_id = @ws AND lower(title) LIKE @key
            UNION SELECT id FROM issue WHERE workspace_id = @ws AND lower(coalesce(description, '')) LIKE @key
            UNION SELECT issue_id FROM comment WHERE workspace_id = @ws AND lower(content) LIKE @key
            UNION SELECT id FROM issue WHERE workspace_id = @ws AND number = @num
        ), scored AS (
            SELECT i.id, i.status, i.updated_at,
                   coalesce(i.number = @num, false) AS number_match,
                   lower(i.title) = @exact AS title_exact,
                   lower(i.title) LIKE @prefix AS title_prefix,
                   lower(i.title) LIKE @phrase AS title_phrase,
                   lower(coalesce(i.description, '')) LIKE @phrase AS desc_phrase,
                   cardinality(@words) > 1 AND NOT EXISTS (SELECT 1 FROM unnest(@words) w WHERE lower(i.title) NOT LIKE w) AS title_words,
                   cardinality(@words) > 1
                       AND NOT EXISTS (SELECT 1 FROM unnest(@words) w WHERE lower(coalesce(i.description, '')) NOT LIKE w) AS desc_words,
                   EXISTS (SELECT 1 FROM comment c WHERE c.issue_id = i.id AND lower(c.content) LIKE @phrase) AS comment_phrase,
                   cardinality(@words) > 1 AND NOT EXISTS (
                       SELECT 1 FROM unnest(@words) w
                       WHERE NOT (lower(i.title) LIKE w OR lower(coalesce(i.description, '')) LIKE w
                                  OR EXISTS (SELECT 1 FROM comment c WHERE c.issue_id = i.id AND lower(c.content) LIKE w))) AS all_words
            FROM issue i JOIN candidates USING (id)
            WHERE i.workspace_id = @ws AND (@closed OR i.status NOT IN ({StatusSql.List(IssueStatus.Closed)}))
        ), matched AS (
            SELECT s.*,
                   CASE WHEN title_phrase OR title_words THEN 'title'
                        WHEN desc_phrase OR desc_words THEN 'description'
                        ELSE 'comment' END AS match_source
            FROM scored s
            WHERE title_phrase OR desc_phrase OR comment_phrase OR all_words OR number_match
        )
        SELECT m.id, m.match_source, COUNT(*) OVER () AS total,
               CASE WHEN m.match_source <> 'comment' THEN NULL ELSE (
                   SELECT c.content FROM comment c
                   WHERE c.issue_id = m.id AND (lower(c.content) LIKE @phrase OR (cardinality(@words) > 1
                         AND NOT EXISTS (SELECT 1 FROM unnest(@words) w WHERE lower(c.content) NOT LIKE w)))
                   ORDER BY c.created_at DESC LIMIT 1) END AS matched_comment
        FROM matched m
        ORDER BY CASE WHEN number_match THEN 0 WHEN title_exact THEN 1 WHEN title_prefix THEN 2 WHEN title_phrase THEN 3
                      WHEN title_words THEN 4 WHEN desc_phrase THEN 5 WHEN desc_words THEN 6 ELSE 7 END,
                 COALESCE(array_position(ARRAY[{StatusSql.List(IssueStatus.SearchOrder)}], m.status), {IssueStatus.SearchOrder.Length + 1}),
                 m.updated_at DESC, m.id
        LIMIT @limit OFFSET @offset
        """;

    public async Task<(IReadOnlyList<IssueSearchHit> Hits, int Total)> SearchIssuesAsync(Guid workspaceId, IssueSearchTerms terms, int limit,
        int offset, CancellationToken ct)
    {
        // Every match contains each word, so the longest word (or the phrase) is a sound and selective candidate key.
        var key = terms.Words.Count > 1 ? terms.Words.MaxBy(w => w.Length)! : terms.Phrase;
        var rows = await QueryAsync(db, IssueSearchSql,
        [
            P("ws", workspaceId),
            P("key", IssueSearchTerms.Contains(key)),
            P("phrase", IssueSearchTerms.Contains(terms.Phrase)),
            P("prefix", IssueSearchTerms.StartsWith(terms.Phrase)),
            P("exact", terms.Phrase),
            Texts("words", terms.Words.Select(IssueSearchTerms.Contains)),
            P("num", NpgsqlDbType.Integer, terms.Number),
            P("closed", terms.IncludeClosed),
            P("limit", limit),
            P("offset", offset),
        ], r => (Id: r.GetGuid(0), Source: r.GetString(1), Total: (int)r.GetInt64(2), Comment: r.Get<string>("matched_comment")), ct);
        if (rows.Count == 0)
            return ([], 0);
        var ids = rows.Select(r => r.Id).ToList();
        var issues = await db.Issues.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        return (rows.Where(r => issues.ContainsKey(r.Id)).Select(r => new IssueSearchHit(issues[r.Id], r.Source, r.Comment)).ToList(),
            rows[0].Total);
    }
}
