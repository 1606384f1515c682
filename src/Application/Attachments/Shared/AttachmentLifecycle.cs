using Multica.Application.Common;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Application.Attachments.Shared;

/// <summary>
/// How attachments follow their issue or comment: uploads listed in <c>attachment_ids</c> are linked when the issue or
/// comment is created, and the stored files of a deleted issue, comment or workspace are removed once the deletion
/// committed (the rows go with it by cascade).
/// </summary>
public sealed class AttachmentLifecycle(IAttachmentRepository attachments, IFileStorage storage, ITransactionRunner transactions)
{
    /// <summary>Links the workspace's unlinked uploads among <paramref name="ids"/> to the issue; answers the issue's attachments.</summary>
    public async Task<IReadOnlyList<AttachmentDto>> LinkToIssueAsync(Issue issue, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        var parsed = Parse(ids);
        if (parsed.Count == 0)
            return [];
        await attachments.LinkToIssueAsync(issue.WorkspaceId, issue.Id, parsed, ct);
        return (await attachments.ListForIssueAsync(issue.WorkspaceId, issue.Id, ct)).Select(AttachmentDto.From).ToList();
    }

    /// <summary>Links the issue's uploads among <paramref name="ids"/> that have no comment yet to the comment; answers the comment's attachments.</summary>
    public async Task<IReadOnlyList<AttachmentDto>> LinkToCommentAsync(Comment comment, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        var parsed = Parse(ids);
        if (parsed.Count == 0)
            return [];
        await attachments.LinkToCommentAsync(comment.IssueId, comment.Id, parsed, ct);
        return (await attachments.ListForCommentsAsync(comment.WorkspaceId, [comment.Id], ct)).Select(AttachmentDto.From).ToList();
    }

    /// <summary>Call inside the transaction that deletes the issue, before the delete.</summary>
    public async Task RemoveFilesWithIssueAsync(Guid issueId, CancellationToken ct) =>
        await RemoveAfterCommitAsync(await attachments.UrlsForIssueAsync(issueId, ct), ct);

    /// <summary>Call inside the transaction that deletes the comment, before the delete.</summary>
    public async Task RemoveFilesWithCommentAsync(Guid commentId, CancellationToken ct) =>
        await RemoveAfterCommitAsync(await attachments.UrlsForCommentAsync(commentId, ct), ct);

    /// <summary>
    /// Call inside the transaction that deletes the workspace, after it locked the workspace row: an upload committing
    /// later fails on the missing workspace and removes its own file.
    /// </summary>
    public async Task RemoveFilesWithWorkspaceAsync(Guid workspaceId, CancellationToken ct) =>
        await RemoveAfterCommitAsync(await attachments.UrlsForWorkspaceAsync(workspaceId, ct), ct);

    /// <summary>Removes the stored files behind attachment URLs once the current transaction committed.</summary>
    public Task RemoveAfterCommitAsync(IReadOnlyCollection<string> urls, CancellationToken ct)
    {
        var keys = urls.Select(UploadUrls.KeyOf).OfType<string>().ToList();
        return keys.Count == 0 ? Task.CompletedTask : transactions.AfterCommitAsync(token => storage.DeleteAsync(keys, token), ct);
    }

    /// <summary>Whether <paramref name="ids"/> names any upload at all (malformed ids are ignored, as when linking).</summary>
    public static bool NamesAny(IReadOnlyList<string>? ids) => Parse(ids).Count > 0;

    private static List<Guid> Parse(IReadOnlyList<string>? ids) => (ids ?? []).Select(Ids.Parse).OfType<Guid>().Distinct().ToList();
}
