namespace Multica.Domain.Entities;

/// <summary>
/// A file uploaded into a workspace, stored by the file storage under <see cref="Url"/>; linked to an issue and/or a
/// comment of that issue (both optional: an upload may precede the issue or comment that references it).
/// </summary>
public class Attachment
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid? IssueId { get; set; }
    public Guid? CommentId { get; set; }
    public string UploaderType { get; set; } = "member";
    public Guid UploaderId { get; set; }
    public string Filename { get; set; } = "";
    public string Url { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public DateTime CreatedAt { get; set; }
}
