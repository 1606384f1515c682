namespace Multica.Infrastructure.Persistence.Team;

/// <summary>
/// Trigram (pg_trgm) GIN indexes behind issue search: they serve LIKE '%text%' on the lower-cased title,
/// description and comment content. EF cannot model expression indexes, so migrations apply these statements.
/// </summary>
public static class SearchIndexes
{
    public const string Up = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS ix_issue_title_trgm ON issue USING gin (lower(title) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_issue_description_trgm ON issue USING gin (lower(coalesce(description, '')) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_comment_content_trgm ON comment USING gin (lower(content) gin_trgm_ops);
        """;

    public const string Down = """
        DROP INDEX IF EXISTS ix_comment_content_trgm;
        DROP INDEX IF EXISTS ix_issue_description_trgm;
        DROP INDEX IF EXISTS ix_issue_title_trgm;
        """;
}
