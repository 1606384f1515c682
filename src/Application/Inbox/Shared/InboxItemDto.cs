using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Inbox.Shared;

/// <summary>An inbox item on the wire (list, mark-read, archive responses and the inbox:new event).</summary>
public sealed record InboxItemDto(
    Guid Id,
    Guid WorkspaceId,
    string RecipientType,
    Guid RecipientId,
    string Type,
    string Severity,
    Guid? IssueId,
    string Title,
    string? Body,
    bool Read,
    bool Archived,
    DateTime CreatedAt,
    string? IssueStatus,
    string? ActorType,
    Guid? ActorId,
    JsonElement Details)
{
    public static InboxItemDto From(InboxItem i, string? issueStatus) => new(i.Id, i.WorkspaceId, i.RecipientType, i.RecipientId,
        i.Type, i.Severity, i.IssueId, i.Title, i.Body, i.Read, i.Archived, i.CreatedAt, issueStatus, i.ActorType, i.ActorId,
        JsonText.Parse(i.Details, "{}"));
}
