using System.Security.Cryptography;
using System.Text;

namespace Multica.Application.Skills.Shared;

/// <summary>One skill file with its SHA-256 (hex) and size in UTF-8 bytes.</summary>
public sealed record DigestedSkillFile(string Path, string Content, string Sha256, long SizeBytes);

/// <summary>
/// The content identity of a workspace skill as daemons see it (docs/daemon-protocol.md, "Skills"): files in
/// path order with their digests, a hash over the SKILL.md text and every file (path + digest), and the total
/// size. Claims and skill-bundle resolution both describe a skill with it, so the two always agree.
/// </summary>
public sealed record SkillBundleDigest(string Hash, long SizeBytes, IReadOnlyList<DigestedSkillFile> Files)
{
    /// <summary>The source every skill stored by this server carries.</summary>
    public const string WorkspaceSource = "workspace";

    public static SkillBundleDigest Of(string content, IEnumerable<(string Path, string Content)> files)
    {
        var digested = files.OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => new DigestedSkillFile(f.Path, f.Content, Sha256(f.Content), Encoding.UTF8.GetByteCount(f.Content)))
            .ToList();
        var manifest = new StringBuilder(Sha256(content));
        foreach (var f in digested)
            manifest.Append('\n').Append(f.Path).Append('\0').Append(f.Sha256);
        var size = Encoding.UTF8.GetByteCount(content) + digested.Sum(f => f.SizeBytes);
        return new SkillBundleDigest(Sha256(manifest.ToString()), size, digested);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
