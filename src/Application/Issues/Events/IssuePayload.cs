using Multica.Application.Issues.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Issues.Events;

/// <summary>issue:created: {issue}.</summary>
public sealed record IssuePayload(
    [property: JsonPropertyName("issue")] IssueDto Issue);
