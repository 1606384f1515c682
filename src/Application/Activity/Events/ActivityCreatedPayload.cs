using System.Text.Json.Serialization;
using Multica.Application.Activity.Shared;

namespace Multica.Application.Activity.Events;

/// <summary>activity:created: {issue_id ("" without issue), entry}.</summary>
public sealed record ActivityCreatedPayload(
    [property: JsonPropertyName("issue_id")] string IssueId,
    [property: JsonPropertyName("entry")] TimelineEntryDto Entry);
