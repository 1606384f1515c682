using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Workspaces;

public sealed record WorkspaceDto(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? Context,
    JsonElement Settings,
    JsonElement Repos,
    string IssuePrefix,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static WorkspaceDto From(Workspace w) => new(w.Id, w.Name, w.Slug, w.Description, w.Context,
        JsonText.Parse(w.Settings, "{}"), JsonText.Parse(w.Repos, "[]"), w.IssuePrefix, w.CreatedAt, w.UpdatedAt);
}
