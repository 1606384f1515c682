using System.Text;
using Multica.Application.Attachments.Shared;
using NUnit.Framework;

namespace Multica.UnitTests.Attachments;

public sealed class UploadRulesTests
{
    private static readonly Guid Ws = Guid.Parse("0192f0c1-0000-7000-8000-000000000001");
    private static readonly Guid Id = Guid.Parse("0192f0c1-0000-7000-8000-0000000000aa");

    [TestCase("photo.PNG", ".png")]
    [TestCase("archive.tar.gz", ".gz")]
    [TestCase("noext", "")]
    [TestCase("evil.p/hp", "")]
    [TestCase("x.<script>", "")]
    [TestCase("x.abcdefghijklmnopq", "")]
    public void Keys_KeepOnlyPlainExtensions(string name, string ext) =>
        Assert.That(UploadKeys.ForWorkspace(Ws, Id, name), Is.EqualTo($"workspaces/{Ws}/{Id}{ext}"));

    [Test]
    public void Parse_AcceptsOnlyKeysThisServerMakes()
    {
        Assert.That(UploadKeys.Parse(UploadKeys.ForWorkspace(Ws, Id, "a.png")), Is.EqualTo(("workspaces", Ws, $"{Id}.png")));
        Assert.That(UploadKeys.Parse(UploadKeys.ForUser(Ws, Id, "a")), Is.EqualTo(("users", Ws, Id.ToString())));
        foreach (var bad in new[]
                 {
                     "", "etc/passwd", $"workspaces/{Ws}/../{Id}.png", $"workspaces/{Ws}/{Id}.png/x", $"other/{Ws}/{Id}.png",
                     $"workspaces/{Ws}/readme.txt", $"workspaces/{Ws}/{Id}.PNG", $"/workspaces/{Ws}/{Id}.png", $"workspaces/{Ws}\\{Id}.png",
                 })
            Assert.That(UploadKeys.Parse(bad), Is.Null, bad);
    }

    [Test]
    public void ContentType_IsJudgedFromTheBytes_ThenTextFormatsByExtension()
    {
        Assert.That(ContentTypes.Detect([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1], "x.jpg"), Is.EqualTo("image/png"));
        Assert.That(ContentTypes.Detect([0xFF, 0xD8, 0xFF, 0xE0], "x.png"), Is.EqualTo("image/jpeg"));
        Assert.That(ContentTypes.Detect("%PDF-1.7"u8, "doc"), Is.EqualTo("application/pdf"));
        Assert.That(ContentTypes.Detect("RIFF\0\0\0\0WEBPVP8 "u8, "a"), Is.EqualTo("image/webp"));
        Assert.That(ContentTypes.Detect(Encoding.UTF8.GetBytes("héllo\nworld"), "notes"), Is.EqualTo(ContentTypes.PlainText));
        Assert.That(ContentTypes.Detect("<html><body>hi</body></html>"u8, "page.html"), Is.EqualTo(ContentTypes.PlainText),
            "HTML is never typed as a page");
        Assert.That(ContentTypes.Detect([0, 1, 2, 3, 0xFE], "blob"), Is.EqualTo(ContentTypes.Binary));
        Assert.That(ContentTypes.Detect([0xC3], "cut.txt"), Is.EqualTo(ContentTypes.PlainText), "a character cut at the sniff edge is still text");
        Assert.That(ContentTypes.Detect("<svg/>"u8, "icon.SVG"), Is.EqualTo("image/svg+xml"));
        Assert.That(ContentTypes.Detect("{}"u8, "data.json"), Is.EqualTo("application/json"));
        Assert.That(ContentTypes.Detect([], "empty"), Is.EqualTo(ContentTypes.PlainText));
    }

    [Test]
    public void OnlyMediaAndPlainTextAreShownInline()
    {
        Assert.That(ContentTypes.IsInline("image/png"), Is.True);
        Assert.That(ContentTypes.IsInline("application/pdf"), Is.True);
        Assert.That(ContentTypes.IsInline(ContentTypes.PlainText), Is.True);
        Assert.That(ContentTypes.IsInline("application/javascript"), Is.False);
        Assert.That(ContentTypes.IsInline(ContentTypes.Binary), Is.False);
    }
}
