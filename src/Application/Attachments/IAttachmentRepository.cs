using Multica.Domain.Entities;

namespace Multica.Application.Attachments;

/// <summary>Attachment rows; every read is scoped to a workspace. Lists are oldest first.</summary>
public interface IAttachmentRepository
{
    Task AddAsync(Attachment attachment, CancellationToken ct);

    Task<Attachment?> FindAsync(Guid workspaceId, Guid id, CancellationToken ct);

    Task<IReadOnlyList<Attachment>> ListForIssueAsync(Guid workspaceId, Guid issueId, CancellationToken ct);

    Task<IReadOnlyList<Attachment>> ListForCommentsAsync(Guid workspaceId, IReadOnlyCollection<Guid> commentIds, CancellationToken ct);

    Task DeleteAsync(Guid workspaceId, Guid id, CancellationToken ct);

    /// <summary>Links the listed attachments of the workspace that have no issue yet to the issue.</summary>
    Task LinkToIssueAsync(Guid workspaceId, Guid issueId, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Links the listed attachments of the comment's issue that have no comment yet to the comment.</summary>
    Task LinkToCommentAsync(Guid issueId, Guid commentId, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>The stored-file URLs of the issue's attachments and of its comments' attachments (deleted with the issue).</summary>
    Task<IReadOnlyList<string>> UrlsForIssueAsync(Guid issueId, CancellationToken ct);

    /// <summary>The stored-file URLs of the comment's attachments and of its replies' (deleted with the comment).</summary>
    Task<IReadOnlyList<string>> UrlsForCommentAsync(Guid commentId, CancellationToken ct);

    /// <summary>The stored-file URLs of every attachment of the workspace (deleted with the workspace).</summary>
    Task<IReadOnlyList<string>> UrlsForWorkspaceAsync(Guid workspaceId, CancellationToken ct);
}
