using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Multica.Application.Attachments;
using Multica.Application.Attachments.Shared;
using Multica.Infrastructure.Storage;
using NUnit.Framework;

namespace Multica.UnitTests.Attachments;

/// <summary>Both storages behind IFileStorage: the local one on a temporary directory, the S3 one against a mocked client.</summary>
public sealed class FileStorageTests
{
    private static readonly string Key = UploadKeys.ForWorkspace(Guid.NewGuid(), Guid.NewGuid(), "a.txt");

    [Test]
    public async Task Local_SavesReadsAndDeletes_OnlyInsideItsDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "multica-unit-uploads-" + Guid.NewGuid().ToString("N"));
        try
        {
            var storage = new LocalFileStorage(Options.Create(new UploadOptions { Directory = dir }), NullLogger<LocalFileStorage>.Instance);
            await storage.SaveAsync(Key, new MemoryStream("hello"u8.ToArray()), ContentTypes.PlainText, CancellationToken.None);
            Assert.That(File.ReadAllText(Path.Combine(dir, Key)), Is.EqualTo("hello"));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(Path.Combine(dir, Key))!), Has.Length.EqualTo(1), "no partial file left");

            await using (var read = await storage.OpenReadAsync(Key, CancellationToken.None))
                Assert.That(new StreamReader(read!).ReadToEnd(), Is.EqualTo("hello"));
            Assert.That(await storage.OpenReadAsync("../outside.txt", CancellationToken.None), Is.Null);
            Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync("workspaces/../../x", new MemoryStream(), ContentTypes.Binary, CancellationToken.None));

            await storage.DeleteAsync([Key, "not/a/key"], CancellationToken.None);
            Assert.That(await storage.OpenReadAsync(Key, CancellationToken.None), Is.Null);
            await storage.DeleteAsync([Key], CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task S3_PutsGetsAndDeletesObjectsByKey_InTheConfiguredBucket()
    {
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        PutObjectRequest? put = null;
        s3.Setup(c => c.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PutObjectRequest r, CancellationToken _) => put = r).ReturnsAsync(new PutObjectResponse());
        s3.Setup(c => c.GetObjectAsync(It.Is<GetObjectRequest>(r => r.Key == Key && r.BucketName == "files"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetObjectResponse { ResponseStream = new MemoryStream("hi"u8.ToArray()) });
        s3.Setup(c => c.GetObjectAsync(It.Is<GetObjectRequest>(r => r.Key != Key), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonS3Exception("missing") { StatusCode = HttpStatusCode.NotFound });
        var deleted = new List<List<string>>();
        s3.Setup(c => c.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DeleteObjectsRequest r, CancellationToken _) => deleted.Add(r.Objects.Select(o => o.Key).ToList()))
            .ReturnsAsync(new DeleteObjectsResponse());
        var storage = new S3FileStorage(s3.Object, Options.Create(new UploadOptions { S3Bucket = "files" }), NullLogger<S3FileStorage>.Instance);

        await storage.SaveAsync(Key, new MemoryStream(Encoding.UTF8.GetBytes("hi")), "text/plain; charset=utf-8", CancellationToken.None);
        Assert.That((put!.BucketName, put.Key, put.ContentType), Is.EqualTo(("files", Key, "text/plain; charset=utf-8")));

        await using (var read = await storage.OpenReadAsync(Key, CancellationToken.None))
            Assert.That(new StreamReader(read!).ReadToEnd(), Is.EqualTo("hi"));
        Assert.That(await storage.OpenReadAsync(UploadKeys.ForUser(Guid.NewGuid(), Guid.NewGuid(), "x.png"), CancellationToken.None), Is.Null);
        Assert.That(await storage.OpenReadAsync("../etc/passwd", CancellationToken.None), Is.Null, "never asked for");

        var many = Enumerable.Range(0, 1001).Select(_ => UploadKeys.ForWorkspace(Guid.NewGuid(), Guid.NewGuid(), "f.bin")).Append("bad key").ToList();
        await storage.DeleteAsync(many, CancellationToken.None);
        Assert.That(deleted.Select(d => d.Count), Is.EqualTo(new[] { 1000, 1 }), "deleted in batches of 1000, foreign keys left out");
        Assert.That(deleted.SelectMany(d => d), Does.Not.Contain("bad key"));
    }

    [Test]
    public void S3_Delete_IsBestEffort_WhenTheStorageFailsOrDoesNotAnswer()
    {
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        s3.SetupSequence(c => c.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"))
            .ThrowsAsync(new AmazonS3Exception("slow down") { StatusCode = HttpStatusCode.ServiceUnavailable })
            .ReturnsAsync(new DeleteObjectsResponse());
        var storage = new S3FileStorage(s3.Object, Options.Create(new UploadOptions { S3Bucket = "files" }), NullLogger<S3FileStorage>.Instance);
        var keys = Enumerable.Range(0, 2001).Select(_ => UploadKeys.ForWorkspace(Guid.NewGuid(), Guid.NewGuid(), "f.bin")).ToList();

        Assert.DoesNotThrowAsync(() => storage.DeleteAsync(keys, CancellationToken.None));
        Assert.That(s3.Invocations.Count(i => i.Method.Name == nameof(IAmazonS3.DeleteObjectsAsync)), Is.EqualTo(3),
            "a failed batch does not stop the next ones");

        s3.Setup(c => c.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OperationCanceledException());
        Assert.ThrowsAsync<OperationCanceledException>(() => storage.DeleteAsync(keys.Take(1).ToList(), CancellationToken.None),
            "a cancelled request still stops");
    }

    [Test]
    public void S3Client_ForACompatibleEndpoint_IsPathStyle_WithTheGivenRegion()
    {
        using var client = S3FileStorage.CreateClient(new UploadOptions
        {
            S3Bucket = "files", S3Region = "eu-central-1", S3EndpointUrl = "http://127.0.0.1:9000", S3AccessKeyId = "key", S3SecretAccessKey = "secret",
        });
        var config = (AmazonS3Config)client.Config;
        Assert.That(config.ForcePathStyle, Is.True);
        Assert.That(config.ServiceURL, Does.StartWith("http://127.0.0.1:9000"));
        Assert.That(config.AuthenticationRegion, Is.EqualTo("eu-central-1"));
        using var aws = S3FileStorage.CreateClient(new UploadOptions { S3Bucket = "files", S3Region = "us-east-2", S3AccessKeyId = "k", S3SecretAccessKey = "s" });
        Assert.That(((AmazonS3Config)aws.Config).ForcePathStyle, Is.False);
        Assert.That(aws.Config.RegionEndpoint.SystemName, Is.EqualTo("us-east-2"));
    }

    [Test]
    public void Urls_CarryTheKeyAfterTheBaseUrl()
    {
        var urls = new UploadUrls(Options.Create(new UploadOptions { BaseUrl = "https://api.example.com/" }));
        Assert.That(urls.For(Key), Is.EqualTo("https://api.example.com/uploads/" + Key));
        Assert.That(UploadUrls.KeyOf(urls.For(Key)), Is.EqualTo(Key));
        Assert.That(UploadUrls.KeyOf("/uploads/" + Key), Is.EqualTo(Key));
        Assert.That(UploadUrls.KeyOf("https://cdn.example.com/x.png"), Is.Null);
    }
}
