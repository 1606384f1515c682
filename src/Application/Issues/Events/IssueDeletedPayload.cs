using System.Text.Json.Serialization;

namespace Multica.Application.Issues.Events;

/// <summary>issue:deleted: {issue_id}.</summary>
public sealed record IssueDeletedPayload(
    [property: JsonPropertyName("issue_id")] Guid IssueId);
