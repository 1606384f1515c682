using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Actors;
using Multica.Application.Attachments.Shared;
using Multica.Application.Comments;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Domain.Entities;

namespace Multica.Application.Attachments.UploadFile;

/// <summary>An uploaded file as the web layer read it: the client's file name and a readable, seekable stream of its bytes.</summary>
public sealed record UploadedFile(string Filename, Stream Content, long Length);

/// <summary>
/// POST /api/upload-file with a workspace selected: stores the file under the workspace and records an attachment,
/// linked to <see cref="IssueId"/> / <see cref="CommentId"/> when given (each must be of this workspace).
/// </summary>
public sealed record UploadAttachmentCommand(string WorkspaceId, ActorHints Actor, UploadedFile File, string? IssueId, string? CommentId)
    : ICommand<AttachmentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

/// <summary>POST /api/upload-file without a workspace (an avatar): stores the file under the caller's user and records nothing.</summary>
public sealed record UploadUserFileCommand(UploadedFile File) : ICommand<UploadedFileDto>;

public sealed class UploadFileHandlers(
    AccessScope scope,
    ICallerContext caller,
    IActorResolver actors,
    IIssueRepository issues,
    ICommentRepository comments,
    IAttachmentRepository attachments,
    IFileStorage storage,
    UploadUrls urls,
    TimeProvider time,
    ILogger<UploadFileHandlers> logger)
    : ICommandHandler<UploadAttachmentCommand, AttachmentDto>, ICommandHandler<UploadUserFileCommand, UploadedFileDto>
{
    private const int SniffBytes = 512;

    public async ValueTask<AttachmentDto> Handle(UploadAttachmentCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        Guid? issueId = null, commentId = null;
        if (!string.IsNullOrEmpty(c.IssueId))
            issueId = (Ids.Parse(c.IssueId) is { } id ? await issues.FindAsync(workspaceId, id, ct) : null)?.Id
                ?? throw new ForbiddenException("invalid issue_id");
        if (!string.IsNullOrEmpty(c.CommentId))
            commentId = (Ids.Parse(c.CommentId) is { } id ? await comments.FindAsync(workspaceId, id, ct) : null)?.Id
                ?? throw new ForbiddenException("invalid comment_id");
        var actor = await actors.ResolveAsync(workspaceId, c.Actor, ct);

        var attachmentId = Guid.CreateVersion7(time.GetUtcNow());
        var contentType = await SniffAsync(c.File, ct);
        var key = UploadKeys.ForWorkspace(workspaceId, attachmentId, c.File.Filename);
        var url = await StoreAsync(key, c.File, contentType, ct);
        var attachment = new Attachment
        {
            Id = attachmentId,
            WorkspaceId = workspaceId,
            IssueId = issueId,
            CommentId = commentId,
            UploaderType = actor.Type,
            UploaderId = actor.Id,
            Filename = c.File.Filename,
            Url = url,
            ContentType = contentType,
            SizeBytes = c.File.Length,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            await attachments.AddAsync(attachment, ct);
        }
        catch
        {
            // No row, no file: nothing may point at it.
            await storage.DeleteAsync([key], CancellationToken.None);
            throw;
        }
        return AttachmentDto.From(attachment);
    }

    public async ValueTask<UploadedFileDto> Handle(UploadUserFileCommand c, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var contentType = await SniffAsync(c.File, ct);
        var url = await StoreAsync(UploadKeys.ForUser(userId, Guid.CreateVersion7(time.GetUtcNow()), c.File.Filename), c.File, contentType, ct);
        return new UploadedFileDto(c.File.Filename, url);
    }

    private static async Task<string> SniffAsync(UploadedFile file, CancellationToken ct)
    {
        var head = new byte[SniffBytes];
        var read = 0;
        while (read < head.Length && await file.Content.ReadAsync(head.AsMemory(read), ct) is > 0 and var n)
            read += n;
        file.Content.Seek(0, SeekOrigin.Begin);
        return ContentTypes.Detect(head.AsSpan(0, read), file.Filename);
    }

    private async Task<string> StoreAsync(string key, UploadedFile file, string contentType, CancellationToken ct)
    {
        try
        {
            await storage.SaveAsync(key, file.Content, contentType, ct);
            return urls.For(key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "file upload failed for {Key}", key);
            throw new InternalErrorException("upload failed");
        }
    }
}
