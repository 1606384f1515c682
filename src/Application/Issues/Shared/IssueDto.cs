using System.Text.Json.Serialization;
using Multica.Application.Attachments.Shared;
using Multica.Application.Reactions.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Issues.Shared;

/// <summary>
/// Issue object (docs/api.md); <see cref="Reactions"/> only in GET /api/issues/{id}, <see cref="Attachments"/> only there and in the
/// create answer, each only when there are any.
/// </summary>
public sealed record IssueDto(
    Guid Id,
    Guid WorkspaceId,
    int Number,
    string Identifier,
    string Title,
    string? Description,
    string Status,
    string Priority,
    string? AssigneeType,
    Guid? AssigneeId,
    string CreatorType,
    Guid CreatorId,
    Guid? ParentIssueId,
    Guid? ProjectId,
    double Position,
    DateTime? DueDate,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IssueReactionDto>? Reactions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttachmentDto>? Attachments = null)
{
    public static IssueDto From(Issue i, string issuePrefix) => new(i.Id, i.WorkspaceId, i.Number, $"{issuePrefix}-{i.Number}",
        i.Title, i.Description, i.Status, i.Priority, i.AssigneeType, i.AssigneeId, i.CreatorType, i.CreatorId, i.ParentIssueId,
        i.ProjectId, i.Position, i.DueDate, i.CreatedAt, i.UpdatedAt);
}
