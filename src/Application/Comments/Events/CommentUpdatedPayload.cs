using Multica.Application.Comments.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Comments.Events;

/// <summary>comment:updated: {comment}.</summary>
public sealed record CommentUpdatedPayload(
    [property: JsonPropertyName("comment")] CommentDto Comment);
