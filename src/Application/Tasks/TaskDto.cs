using System.Text.Json;
using System.Text.Json.Serialization;
using Multica.Application.Common;

namespace Multica.Application.Tasks;

/// <summary>
/// The task object of the wire contract (docs/daemon-protocol.md). Keys marked WhenWritingNull are
/// "omit-empty": the mapper leaves them null when the value is empty. Claim-only keys stay null
/// everywhere except in the claim response.
/// </summary>
public sealed class TaskDto
{
    public required string Id { get; init; }
    public required string AgentId { get; init; }
    public required string RuntimeId { get; init; }
    public required string IssueId { get; init; }
    public string WorkspaceId { get; set; } = "";
    public required string Status { get; init; }
    public int Priority { get; init; }
    public DateTime? DispatchedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public JsonElement? Result { get; init; }
    public string? Error { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FailureReason { get; init; }
    public int Attempt { get; init; }
    public int MaxAttempts { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ParentTaskId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TaskAgentDto? Agent { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<RepoDto>? Repos { get; set; }
    public DateTime CreatedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PriorSessionId { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PriorWorkDir { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TriggerCommentId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TriggerCommentContent { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TriggerAuthorType { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TriggerAuthorName { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ChatSessionId { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ChatMessage { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AutopilotRunId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AutopilotId { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AutopilotTitle { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AutopilotDescription { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AutopilotSource { get; set; }
    /// <summary>Raw stored JSON; only a SQL NULL omits it (a stored {} or null is sent verbatim).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonElement? AutopilotTriggerPayload { get; set; }
    /// <summary>Claim only: the task-scoped mat_ token the agent CLI authenticates with.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AuthToken { get; set; }
}

/// <summary>The agent block of a claimed task (docs/daemon-protocol.md) — real env and MCP values, never redacted.</summary>
public sealed class TaskAgentDto
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Instructions { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<TaskSkillDto>? Skills { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyDictionary<string, string>? CustomEnv { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? CustomArgs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonElement? McpConfig { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Model { get; init; }
}

public sealed class TaskSkillDto
{
    public required string Name { get; init; }
    public required string Content { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<TaskSkillFileDto>? Files { get; init; }
}

public sealed record TaskSkillFileDto(string Path, string Content);

/// <summary>One transcript message (docs/daemon-protocol.md), as listed and as published in task:message.</summary>
public sealed class TaskMessageDto
{
    public required string TaskId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? IssueId { get; init; }
    public int Seq { get; init; }
    public required string Type { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Tool { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Content { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonElement? Input { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Output { get; init; }
}
