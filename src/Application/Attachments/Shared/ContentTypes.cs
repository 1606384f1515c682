using System.Text;

namespace Multica.Application.Attachments.Shared;

/// <summary>
/// The content type of an upload is judged from its first bytes, never from the client's header (as upstream does), then
/// corrected by the extension for text formats a sniffer cannot tell apart (SVG, CSS, JavaScript, JSON, WebAssembly).
/// </summary>
public static class ContentTypes
{
    public const string Binary = "application/octet-stream";
    public const string PlainText = "text/plain; charset=utf-8";

    private static readonly Dictionary<string, string> ByExtension = new()
    {
        [".svg"] = "image/svg+xml",
        [".css"] = "text/css",
        [".js"] = "application/javascript",
        [".mjs"] = "application/javascript",
        [".json"] = "application/json",
        [".wasm"] = "application/wasm",
    };

    private static readonly (byte[] Magic, string Type)[] Signatures =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF87a"u8.ToArray(), "image/gif"),
        ("GIF89a"u8.ToArray(), "image/gif"),
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B, 0x08], "application/x-gzip"),
        ("BM"u8.ToArray(), "image/bmp"),
        ([0x00, 0x00, 0x01, 0x00], "image/x-icon"),
        ("OggS"u8.ToArray(), "application/ogg"),
        ([0x1A, 0x45, 0xDF, 0xA3], "video/webm"),
    ];

    private static readonly Dictionary<string, string> ImagesByExtension = new()
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    /// <summary>The type of a stored file known only by name (no recorded attachment): images and the text formats above, else binary.</summary>
    public static string FromExtension(string filename)
    {
        var ext = Path.GetExtension(filename).ToLowerInvariant();
        return ImagesByExtension.GetValueOrDefault(ext) ?? ByExtension.GetValueOrDefault(ext) ?? Binary;
    }

    /// <summary>True for types a browser may show inline (images, audio, video, PDF, plain text); others are served as downloads.</summary>
    public static bool IsInline(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("video/", StringComparison.Ordinal) ||
        contentType.StartsWith("audio/", StringComparison.Ordinal) || contentType == "application/pdf" || contentType == PlainText;

    /// <summary>The type of a file whose first bytes (up to 512) are <paramref name="head"/>, named <paramref name="filename"/>.</summary>
    public static string Detect(ReadOnlySpan<byte> head, string filename)
    {
        if (ByExtension.TryGetValue(Path.GetExtension(filename).ToLowerInvariant(), out var byExtension))
            return byExtension;
        foreach (var (magic, type) in Signatures)
            if (head.StartsWith(magic))
                return type;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
            return "video/mp4";
        return LooksLikeText(head) ? PlainText : Binary;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        // Control bytes other than whitespace mean binary; a multi-byte character cut at the 512-byte edge is fine.
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B))
                return false;
        var decoder = Encoding.UTF8.GetDecoder();
        decoder.Fallback = DecoderFallback.ExceptionFallback;
        try
        {
            var chars = new char[head.Length];
            decoder.GetChars(head, chars, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
