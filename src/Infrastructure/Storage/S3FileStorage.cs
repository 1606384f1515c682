using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Attachments;
using Multica.Application.Attachments.Shared;

namespace Multica.Infrastructure.Storage;

/// <summary>
/// Files in an S3 bucket (or an S3-compatible store), one object per key. Used instead of the local disk when
/// <see cref="UploadOptions.S3Bucket"/> is set; the bucket stays private, since files reach clients through this
/// server's member-only /uploads route.
/// </summary>
public sealed class S3FileStorage(IAmazonS3 s3, IOptions<UploadOptions> options, ILogger<S3FileStorage> logger) : IFileStorage
{
    // DeleteObjects takes at most this many keys per call.
    private const int DeleteBatch = 1000;

    private string Bucket => options.Value.S3Bucket;

    /// <summary>The client for the configured region, endpoint (path-style, as S3-compatible stores want) and credentials.</summary>
    public static IAmazonS3 CreateClient(UploadOptions o)
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(o.S3Region) };
        if (!string.IsNullOrEmpty(o.S3EndpointUrl))
        {
            config.ServiceURL = o.S3EndpointUrl;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = o.S3Region;
        }
        return string.IsNullOrEmpty(o.S3AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(o.S3AccessKeyId, o.S3SecretAccessKey), config);
    }

    public async Task SaveAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        RequireKey(key);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
        }, ct);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        if (UploadKeys.Parse(key) is null)
            return null;
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        foreach (var batch in keys.Where(k => UploadKeys.Parse(k) is not null).Chunk(DeleteBatch))
        {
            try
            {
                var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = Bucket,
                    Objects = batch.Select(k => new KeyVersion { Key = k }).ToList(),
                    Quiet = true,
                }, ct);
                foreach (var error in response.DeleteErrors ?? [])
                    logger.LogWarning("could not delete stored object {Key}: {Code} {Message}", error.Key, error.Code, error.Message);
            }
            // Best effort, as on local disk: the deletion this cleans up after has committed, so a storage that fails
            // (an error answer, or no answer at all) leaves the objects behind and is logged, never failing the request.
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "could not delete {Count} stored objects", batch.Length);
            }
        }
    }

    private static void RequireKey(string key)
    {
        if (UploadKeys.Parse(key) is null)
            throw new ArgumentException($"not an upload key: {key}", nameof(key));
    }
}
