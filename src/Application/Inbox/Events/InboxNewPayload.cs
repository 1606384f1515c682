using System.Text.Json.Serialization;
using Multica.Application.Inbox.Shared;

namespace Multica.Application.Inbox.Events;

/// <summary>inbox:new: {item}.</summary>
public sealed record InboxNewPayload([property: JsonPropertyName("item")] InboxItemDto Item);
