using Multica.Domain.Entities;

namespace Multica.Application.Workspaces;

public sealed record MemberWithUser(Member Member, User User);

/// <summary>Workspace settings and membership reads (docs/api.md).</summary>
public interface IWorkspaceSettingsRepository
{
    /// <summary>Writes the editable columns (name, description, context, settings, repos, issue prefix, updated_at).</summary>
    Task UpdateAsync(Workspace workspace, CancellationToken ct);

    /// <summary>Memberships with their users, oldest membership first.</summary>
    Task<IReadOnlyList<MemberWithUser>> ListMembersAsync(Guid workspaceId, CancellationToken ct);
}
