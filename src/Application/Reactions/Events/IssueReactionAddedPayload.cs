using System.Text.Json.Serialization;
using Multica.Application.Reactions.Shared;

namespace Multica.Application.Reactions.Events;

/// <summary>issue_reaction:added: {reaction, issue_id, issue_title, issue_status, creator_type, creator_id}.</summary>
public sealed record IssueReactionAddedPayload(
    [property: JsonPropertyName("reaction")] IssueReactionDto Reaction,
    [property: JsonPropertyName("issue_id")] Guid IssueId,
    [property: JsonPropertyName("issue_title")] string IssueTitle,
    [property: JsonPropertyName("issue_status")] string IssueStatus,
    [property: JsonPropertyName("creator_type")] string CreatorType,
    [property: JsonPropertyName("creator_id")] Guid CreatorId);
