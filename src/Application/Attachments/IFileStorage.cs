namespace Multica.Application.Attachments;

/// <summary>
/// Where uploaded files live. Keys are <c>workspaces/{workspaceId}/{file}</c> or <c>users/{userId}/{file}</c>
/// (<see cref="Shared.UploadKeys"/>); the storage answers the URL clients load the file from.
/// </summary>
public interface IFileStorage
{
    /// <summary>Stores the content under the key and returns its URL.</summary>
    Task<string> SaveAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>Opens a stored file for reading; null when there is none.</summary>
    Stream? OpenRead(string key);

    /// <summary>Removes the files behind the URLs; a missing file is not an error, and failures are only logged.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> urls, CancellationToken ct);
}
