namespace Multica.Application.Attachments;

/// <summary>Uploads: where the local storage keeps files, the URL prefix it answers, and the largest file accepted.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Directory of the local storage (upstream LOCAL_UPLOAD_DIR).</summary>
    public string Directory { get; set; } = "./data/uploads";

    /// <summary>Absolute origin put before <c>/uploads/{key}</c> in file URLs (upstream LOCAL_UPLOAD_BASE_URL); empty = relative URLs.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Largest accepted file, in bytes (upstream: 100 MB).</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;
}
