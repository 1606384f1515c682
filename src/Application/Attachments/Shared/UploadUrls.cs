using Microsoft.Extensions.Options;

namespace Multica.Application.Attachments.Shared;

/// <summary>The URL of a stored file: <c>{Uploads:BaseUrl}/uploads/{key}</c>, answered by GET /uploads/{key}.</summary>
public sealed class UploadUrls(IOptions<UploadOptions> options)
{
    public const string PathPrefix = "/uploads/";

    public string For(string key) => options.Value.BaseUrl.TrimEnd('/') + PathPrefix + key;

    /// <summary>The key inside a URL made by <see cref="For"/> (whatever the base URL was then); null for other URLs.</summary>
    public static string? KeyOf(string url)
    {
        var at = url.IndexOf(PathPrefix, StringComparison.Ordinal);
        return at < 0 ? null : url[(at + PathPrefix.Length)..];
    }
}
