using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using Npgsql;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// The victim workspace of the isolation matrix: one row of every kind a route parameter can name, each text
/// carrying a marker, so an answer that leaks A's data and a row of A that changed can both be found generically.
/// </summary>
public sealed class WorkspaceA
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    private WorkspaceA(string marker, Guid workspaceId, string ownerJwt)
    {
        Marker = marker;
        WorkspaceId = workspaceId;
        OwnerJwt = ownerJwt;
    }

    public string Marker { get; }
    public Guid WorkspaceId { get; }
    public string OwnerJwt { get; }

    private string this[string kind] => _ids[kind];

    public static async Task<WorkspaceA> SeedAsync()
    {
        var marker = "isolation-a-" + Guid.NewGuid().ToString("N")[..12];
        var w = await WorldAsync();
        var a = new WorkspaceA(marker, w.Workspace.Id, w.Owner.Jwt);
        var owner = WorkspaceData.WorkspaceClient(w.Owner.Jwt, w.Workspace.Id);
        var ws = w.Workspace.Id;
        a._ids["workspace"] = ws.ToString();
        a._ids["user"] = w.Owner.Id.ToString();
        a._ids["runtime"] = w.RuntimeId.ToString();

        var agent = await AgentAsync(ws, w.RuntimeId, name: marker + "-agent", instructions: marker);
        var issue = await IssueAsync(ws, w.Owner.Id, title: marker + " issue");
        var queuedIssue = await IssueAsync(ws, w.Owner.Id, title: marker + " queued issue");
        var comment = await CommentAsync(issue, ws, "member", w.Owner.Id, marker + " comment");
        var attachment = await owner.UploadAsync("/api/upload-file", System.Text.Encoding.UTF8.GetBytes(marker + " notes\n"), "notes.txt",
            ("issue_id", issue.ToString())).ExpectAsync(HttpStatusCode.OK);
        var uploadUrl = attachment.Str("url");
        a._ids["upload-key"] = uploadUrl[(uploadUrl.IndexOf("/uploads/", StringComparison.Ordinal) + "/uploads/".Length)..];
        var task = await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "running");
        // A queued task too: a claim that crossed workspaces would dispatch it, which the row snapshot would show.
        var queued = await TaskAsync(agent, w.RuntimeId, issueId: queuedIssue);
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task}/messages",
            new { messages = new[] { new { seq = 1, type = "text", content = marker + " message" } } }).ExpectAsync(HttpStatusCode.OK);
        var (autopilot, run) = await AutopilotRunAsync(ws, agent, w.Owner.Id, title: marker + " autopilot");
        var session = await ChatSessionAsync(ws, agent, w.Owner.Id);
        await ChatMessageAsync(session, "user", marker + " chat", DateTime.UtcNow);
        var skill = (await owner.PostAsync("/api/skills", new { name = marker + "-skill", content = marker }).ExpectAsync(HttpStatusCode.Created)).Id();
        var project = (await owner.PostAsync("/api/projects", new { title = marker + " project" }).ExpectAsync(HttpStatusCode.Created)).Id();
        await owner.PostAsync("/api/pins", new { item_type = "issue", item_id = issue }).ExpectAsync(HttpStatusCode.Created);
        var invitation = (await owner.PostAsync($"/api/workspaces/{ws}/members", new { email = TestData.UniqueEmail("a-invitee") })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var colleague = await TestData.SignInAsync();
        await TestData.AddMemberAsync(ws, colleague.Id);
        var member = await ScalarAsync<Guid>("SELECT id FROM member WHERE workspace_id = @w AND user_id = @u", ("w", ws), ("u", colleague.Id));
        var inbox = await ScalarAsync<Guid>("""
            INSERT INTO inbox_item (workspace_id, recipient_type, recipient_id, type, issue_id, title)
            VALUES (@w, 'member', @u, 'mentioned', @i, @t) RETURNING id
            """, ("w", ws), ("u", w.Owner.Id), ("i", issue), ("t", marker + " inbox"));
        var pat = (await w.Owner.Client.PostAsync("/api/tokens", new { name = marker + " pat" }).ExpectAsync(HttpStatusCode.Created)).Id();
        await TestData.IssueDaemonTokenAsync(owner, ws, w.DaemonId);
        var daemonToken = (await owner.GetAsync($"/api/workspaces/{ws}/daemon-tokens").ExpectAsync(HttpStatusCode.OK))[0].Id();
        var runtime = $"/api/runtimes/{w.RuntimeId}";
        // Pending-request ids are opaque strings, kept exactly as the server wrote them.
        a._ids["update"] = (await owner.PostAsync($"{runtime}/update", new { target_version = "v9.9.9" }).ExpectAsync(HttpStatusCode.OK)).Str("id");
        a._ids["models"] = (await owner.PostAsync($"{runtime}/models").ExpectAsync(HttpStatusCode.OK)).Str("id");
        a._ids["local-skills"] = (await owner.PostAsync($"{runtime}/local-skills").ExpectAsync(HttpStatusCode.OK)).Str("id");
        a._ids["import"] = (await owner.PostAsync($"{runtime}/local-skills/import", new { skill_key = "k" }).ExpectAsync(HttpStatusCode.OK)).Str("id");

        foreach (var (kind, id) in new (string, Guid)[]
                 {
                     ("agent", agent), ("issue", issue), ("queued-issue", queuedIssue), ("comment", comment), ("task", task), ("queued-task", queued),
                     ("autopilot", autopilot), ("run", run), ("session", session), ("skill", skill), ("project", project),
                     ("invitation", invitation), ("colleague", colleague.Id), ("member", member), ("inbox", inbox), ("pat", pat),
                     ("daemon-token", daemonToken), ("attachment", attachment.Id()),
                 })
            a._ids[kind] = id.ToString();
        return a;
    }

    /// <summary>Workspace A's id for a route parameter, or null when the matrix has none (a new kind of parameter).</summary>
    public string? IdFor(string pattern, string parameter) => parameter switch
    {
        "workspaceId" => this["workspace"],
        "agentId" => this["agent"],
        "attachmentId" => this["attachment"],
        "key" => this["upload-key"],
        "autopilotId" => this["autopilot"],
        "commentId" => this["comment"],
        "issueId" => this["issue"],
        "invitationId" => this["invitation"],
        "memberId" => this["member"],
        "projectId" => this["project"],
        "runtimeId" => this["runtime"],
        "sessionId" => this["session"],
        "skillId" => this["skill"],
        "taskId" => this["task"],
        "runId" => this["run"],
        "itemType" => "issue",
        "itemId" => this["issue"],
        "tokenId" => pattern.Contains("daemon-tokens", StringComparison.Ordinal) ? this["daemon-token"] : this["pat"],
        "updateId" => this["update"],
        "requestId" => pattern.Contains("models", StringComparison.Ordinal) ? this["models"]
            : pattern.Contains("import", StringComparison.Ordinal) ? this["import"] : this["local-skills"],
        "id" => pattern.Contains("inbox", StringComparison.Ordinal) ? this["inbox"] : this["issue"],
        _ => null,
    };

    /// <summary>Parameters naming a pending request, which the server keeps for minutes only.</summary>
    public static bool IsShortLived(string parameter) => parameter is "requestId" or "updateId";

    /// <summary>The text with every id of A replaced by <paramref name="other"/> (an id that exists nowhere).</summary>
    public string WithoutIds(string text, Guid other) =>
        _ids.Values.Aggregate(text, (t, id) => t.Replace(id, other.ToString(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A body value for an id field: A's row of the kind the name says (null: the field's plain sample).</summary>
    public string? BodyValue(BodyField field)
    {
        var name = field.Name;
        var many = name.EndsWith("_ids", StringComparison.Ordinal);
        if (!many && !name.EndsWith("_id", StringComparison.Ordinal))
            return null;
        var stem = name[..name.LastIndexOf('_')];
        var id = stem switch
        {
            "workspace" => this["workspace"],
            "agent" or "assignee" or "author" => this["agent"],
            "runtime" => this["runtime"],
            "project" => this["project"],
            "task" => this["task"],
            "skill" => this["skill"],
            "autopilot" => this["autopilot"],
            "comment" or "trigger_comment" => this["comment"],
            "chat_session" => this["session"],
            "lead" or "user" or "recipient" => this["user"],
            "member" => this["member"],
            _ => this["issue"],
        };
        if (field.Type == "array" || many)
            return JsonSerializer.Serialize(new[] { id });
        return field.Type == "string" || field.Type == "object" ? JsonSerializer.Serialize(id) : null;
    }

    /// <summary>True when the answer carries A's marker or an id of A the request did not itself send.</summary>
    public bool Leaks(string answer, string request) =>
        answer.Contains(Marker, StringComparison.Ordinal) ||
        _ids.Values.Any(id => answer.Contains(id, StringComparison.OrdinalIgnoreCase) && !request.Contains(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every row of every table that mentions one of A's ids or its marker, as text. Taken until two reads agree, so
    /// a write the seeding left in flight (a token's last use) is not mistaken for the matrix's doing.
    /// </summary>
    public async Task<HashSet<string>> SnapshotAsync()
    {
        var previous = await ReadRowsAsync();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250);
            var current = await ReadRowsAsync();
            if (current.SetEquals(previous))
                return current;
            previous = current;
        }
        return previous;
    }

    private async Task<HashSet<string>> ReadRowsAsync()
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\_\_%'
            ORDER BY table_name
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));

        var patterns = _ids.Values.Append(Marker).Select(v => "%" + v + "%").ToArray();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT '{table}: ' || t::text FROM \"{table}\" t WHERE t::text ILIKE ANY(@p)", connection);
            command.Parameters.AddWithValue("p", patterns);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
