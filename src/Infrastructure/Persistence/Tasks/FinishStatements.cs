using Multica.Application.Tasks.Finishing;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Npgsql;
using NpgsqlTypes;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Tasks;

/// <summary>
/// The finish steps' statements for one task, sent in one round trip with an error barrier after each
/// (<see cref="RawSql.SendEachAloneAsync"/>): the steps stay best-effort one by one, as when each sent its own
/// (docs/task-state-machine.md, "Finish pipeline"). All run on their generic plans (docs/daemon-protocol.md, "Plans").
/// </summary>
public sealed class FinishStatements(MulticaDbContext db) : IFinishStatements
{
    private const string StampFirstExecutedSql = GenericPlanInterceptor.TagLine + """
        UPDATE issue SET first_executed_at = @now WHERE id = @id AND first_executed_at IS NULL RETURNING *
        """;

    // The fallback comment's rule in one statement: the issue, unless the agent commented on it since the run started
    // (with no start time, the issue either way); the comment inserted for it; the issue answered when it was.
    private const string CommentTarget = """
        target AS (
            SELECT i.* FROM issue i
            WHERE i.id = @issue
              AND (CAST(@since AS timestamptz) IS NULL OR NOT EXISTS (
                  SELECT 1 FROM comment c
                  WHERE c.issue_id = @issue AND c.author_type = @author_type AND c.author_id = @agent AND c.created_at >= @since)))
        """;

    private readonly List<Statement> _queued = [];

    public Queued<Agent?> ReconcileAgentStatus(Guid agentId, string busyStatus, string idleStatus, DateTime now) =>
        Add<Agent?>(TaskContextRepository.ReconcileAgentStatusSql,
            [P("id", agentId), P("busy", NpgsqlDbType.Text, busyStatus), P("idle", NpgsqlDbType.Text, idleStatus), Time("now", now)],
            FirstOrNull<Agent>);

    public Queued<Issue?> StampFirstExecuted(Guid issueId, DateTime now) =>
        Add<Issue?>(StampFirstExecutedSql, [P("id", issueId), Time("now", now)], FirstOrNull<Issue>);

    public Queued<Issue?> InsertCommentUnlessAgentCommented(Comment comment, DateTime? since)
    {
        var (insert, parameters) = EntityRows.InsertFrom(db, comment, "row", "target");
        parameters.AddRange([P("issue", comment.IssueId), P("agent", comment.AuthorId), P("author_type", ActorType.Agent),
            Time("since", since)]);
        var sql = $"""
            {GenericPlanInterceptor.TagLine}WITH {CommentTarget},
            posted AS ({insert} RETURNING 1)
            SELECT target.* FROM target WHERE EXISTS (SELECT 1 FROM posted)
            """;
        return Add<Issue?>(sql, parameters, FirstOrNull<Issue>);
    }

    public Queued<bool> InsertActivity(ActivityLog entry)
    {
        var (statements, parameters) = EntityRows.Insert(db, [entry], "a");
        return Add(GenericPlanInterceptor.TagLine + statements.Single() + " RETURNING true", parameters,
            async (reader, ct) => await reader.ReadAsync(ct));
    }

    public async Task SendAsync(CancellationToken ct)
    {
        if (_queued.Count == 0)
            return;
        var queued = _queued.ToArray();
        _queued.Clear();
        var failure = await SendEachAloneAsync(db, queued.Select(q => (q.Sql, q.Parameters)).ToList(),
            (index, reader, token) => queued[index].Read(reader, token), ct);
        if (failure is null)
            return;
        // Answered before the failure; the failed one rolled back; the ones after it ran, their answers discarded.
        for (var i = failure.At; i < queued.Length; i++)
        {
            if (i == failure.At && failure.AtFailed)
                queued[i].Fail(failure.Error);
            else
                queued[i].Lose(failure.Error);
        }
    }

    private Queued<T> Add<T>(string sql, IReadOnlyList<NpgsqlParameter> parameters, Func<NpgsqlDataReader, CancellationToken, Task<T>> read)
    {
        var queued = new Queued<T>();
        _queued.Add(new Statement(sql, parameters, async (reader, ct) => queued.Answer(await read(reader, ct)), queued.Fail, queued.Lose));
        return queued;
    }

    private async Task<T?> FirstOrNull<T>(NpgsqlDataReader reader, CancellationToken ct) where T : class, new() =>
        await reader.ReadAsync(ct) ? EntityRows.Read<T>(db, reader) : null;

    private sealed record Statement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters,
        Func<NpgsqlDataReader, CancellationToken, Task> Read, Action<Exception> Fail, Action<Exception> Lose);
}
