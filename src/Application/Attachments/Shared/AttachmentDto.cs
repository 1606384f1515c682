using Multica.Domain.Entities;

namespace Multica.Application.Attachments.Shared;

/// <summary>
/// Attachment object (docs/team-features.md). <see cref="DownloadUrl"/> equals <see cref="Url"/>: files are served by this
/// server to workspace members, so no signed URL is needed.
/// </summary>
public sealed record AttachmentDto(
    Guid Id,
    Guid WorkspaceId,
    Guid? IssueId,
    Guid? CommentId,
    string UploaderType,
    Guid UploaderId,
    string Filename,
    string Url,
    string DownloadUrl,
    string ContentType,
    long SizeBytes,
    DateTime CreatedAt)
{
    public static AttachmentDto From(Attachment a) => new(a.Id, a.WorkspaceId, a.IssueId, a.CommentId, a.UploaderType, a.UploaderId,
        a.Filename, a.Url, a.Url, a.ContentType, a.SizeBytes, a.CreatedAt);
}

/// <summary>POST /api/upload-file without a workspace (an avatar): the stored file only.</summary>
public sealed record UploadedFileDto(string Filename, string Link);
