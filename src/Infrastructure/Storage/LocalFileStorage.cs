using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Attachments;
using Multica.Application.Attachments.Shared;

namespace Multica.Infrastructure.Storage;

/// <summary>
/// Files on the local disk under <see cref="UploadOptions.Directory"/>, one file per key (the default storage).
/// Only keys of <see cref="UploadKeys"/>' shape are accepted, so no key can leave the directory.
/// </summary>
public sealed class LocalFileStorage(IOptions<UploadOptions> options, ILogger<LocalFileStorage> logger) : IFileStorage
{
    private readonly string _root = Path.GetFullPath(options.Value.Directory);

    public async Task SaveAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        var path = PathOf(key) ?? throw new ArgumentException($"not an upload key: {key}", nameof(key));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside the target and moved into place, so a reader never sees half a file.
        var partial = path + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, ct);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (path is null || !File.Exists(path))
            return Task.FromResult<Stream?>(null);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
            if (PathOf(key) is { } path)
                TryDelete(path);
        return Task.CompletedTask;
    }

    private string? PathOf(string key)
    {
        if (UploadKeys.Parse(key) is null)
            return null;
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "could not delete stored file {Path}", path);
        }
    }
}
