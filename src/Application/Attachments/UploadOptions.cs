namespace Multica.Application.Attachments;

/// <summary>Uploads: where files are kept (a local directory, or an S3 bucket when one is named), the URL prefix, the largest file accepted.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Directory of the local storage (upstream LOCAL_UPLOAD_DIR).</summary>
    public string Directory { get; set; } = "./data/uploads";

    /// <summary>Absolute origin put before <c>/uploads/{key}</c> in file URLs (upstream LOCAL_UPLOAD_BASE_URL); empty = relative URLs.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Largest accepted file, in bytes (upstream: 100 MB).</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>When set, files are kept in this S3 (or S3-compatible) bucket instead of <see cref="Directory"/> (upstream S3_BUCKET).</summary>
    public string S3Bucket { get; set; } = "";

    /// <summary>The bucket's region (upstream S3_REGION).</summary>
    public string S3Region { get; set; } = "us-west-2";

    /// <summary>An S3-compatible endpoint such as MinIO, addressed path-style (upstream AWS_ENDPOINT_URL); empty = AWS.</summary>
    public string S3EndpointUrl { get; set; } = "";

    /// <summary>Static credentials (upstream AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY); empty = the SDK's default credential chain.</summary>
    public string S3AccessKeyId { get; set; } = "";

    public string S3SecretAccessKey { get; set; } = "";
}
