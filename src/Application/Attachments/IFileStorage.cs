namespace Multica.Application.Attachments;

/// <summary>
/// Where uploaded files live, by key: <c>workspaces/{workspaceId}/{file}</c> or <c>users/{userId}/{file}</c>
/// (<see cref="Shared.UploadKeys"/>). Whatever the storage, clients load files from this server
/// (<see cref="Shared.UploadUrls"/>), which serves them to members only.
/// </summary>
public interface IFileStorage
{
    /// <summary>Stores the content under the key.</summary>
    Task SaveAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>Opens a stored file for reading; null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the files; a missing file is not an error, and failures are only logged.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
}
