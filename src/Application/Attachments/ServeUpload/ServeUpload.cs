using Mediator;
using Multica.Application.Attachments.Shared;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Attachments.ServeUpload;

/// <summary>
/// GET /uploads/{key}: a stored file, to signed-in callers only. A workspace file (<c>workspaces/{id}/…</c>) is served
/// to members of that workspace with the content type and name recorded at upload; a user file (an avatar) to anyone
/// signed in. Everything else — another workspace's file, a key this server never makes, a missing file — is 404.
/// </summary>
public sealed record ServeUploadQuery(string Key) : IQuery<StoredFile>;

/// <summary>The file's bytes (the caller disposes the stream), its content type, and its original name when recorded.</summary>
public sealed record StoredFile(Stream Content, string ContentType, string? Filename);

public sealed class ServeUploadHandler(ICallerContext caller, IAccessRepository access, IAttachmentRepository attachments, IFileStorage storage)
    : IQueryHandler<ServeUploadQuery, StoredFile>
{
    public async ValueTask<StoredFile> Handle(ServeUploadQuery q, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        if (UploadKeys.Parse(q.Key) is not { } key)
            throw new NotFoundException(ErrorMessages.NotFound);
        string contentType;
        string? filename = null;
        if (key.Owner == UploadKeys.WorkspacePrefix)
        {
            if (await access.FindMembershipAsync(userId, key.OwnerId, ct) is null)
                throw new NotFoundException(ErrorMessages.NotFound);
            var attachment = Guid.TryParse(Path.GetFileNameWithoutExtension(key.File), out var id)
                ? await attachments.FindAsync(key.OwnerId, id, ct)
                : null;
            contentType = attachment?.ContentType ?? ContentTypes.FromExtension(key.File);
            filename = attachment?.Filename;
        }
        else
            contentType = ContentTypes.FromExtension(key.File);
        var stream = await storage.OpenReadAsync(q.Key, ct) ?? throw new NotFoundException(ErrorMessages.NotFound);
        return new StoredFile(stream, contentType, filename);
    }
}
