using Npgsql;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// Hands out a workspace's next issue number (<c>workspace.issue_counter</c>) in a short transaction of its own,
/// so concurrent creations in one workspace wait on the counter row for one statement, not for the whole
/// creating transaction and its commit flush (docs/benchmarks.md, "Issue numbers").
/// <para>
/// The allocation commits asynchronously (<c>synchronous_commit = off</c>): it returns without waiting for the
/// WAL flush. That cannot hand a number out twice. The issue that uses the number is inserted afterwards by a
/// synchronously committed transaction, whose flush covers all WAL before it, the counter update included; so
/// a crash that loses the counter update has also lost every issue that used the number. What it allows is a
/// gap: a creation that fails after its number was allocated leaves that number unused, as a sequence would
/// (docs/api.md).
/// </para>
/// </summary>
public sealed class IssueNumberAllocator(string connectionString)
{
    // One round trip: the row lock is held while the server runs these statements, never across a wait for the
    // client (a separate COMMIT round trip held it for milliseconds when the server was busy). A primary-key
    // update, whose plan depends on no value, runs on its generic plan (docs/daemon-protocol.md, "Plans"). The prefix comes back with the
    // number, so the new issue's identifier needs no read of the workspace.
    private const string Sql = "BEGIN;\nSET LOCAL synchronous_commit = off;\n" + RawSql.GenericPlans + """
        UPDATE workspace SET issue_counter = issue_counter + 1 WHERE id = @ws RETURNING issue_counter, issue_prefix;
        COMMIT
        """;

    /// <summary>The next number and the workspace's issue prefix, or null when the workspace does not exist.</summary>
    public async Task<(int Number, string Prefix)?> NextAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("ws", workspaceId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        (int, string)? next = null;
        do
        {
            while (await reader.ReadAsync(ct))
                next = (reader.GetInt32(0), reader.GetString(1));
        } while (await reader.NextResultAsync(ct));
        return next;
    }
}
