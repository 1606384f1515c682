using System.Text.RegularExpressions;

namespace Multica.Application.Attachments.Shared;

/// <summary>
/// The one home of storage keys: <c>workspaces/{workspaceId}/{id}{ext}</c> for workspace uploads,
/// <c>users/{userId}/{id}{ext}</c> for uploads without a workspace. The file name is the attachment id plus the
/// original extension (letters and digits only), so a key never carries user text beyond that.
/// </summary>
public static partial class UploadKeys
{
    public const string WorkspacePrefix = "workspaces";
    public const string UserPrefix = "users";

    public static string ForWorkspace(Guid workspaceId, Guid id, string originalName) => $"{WorkspacePrefix}/{workspaceId}/{id}{Extension(originalName)}";

    public static string ForUser(Guid userId, Guid id, string originalName) => $"{UserPrefix}/{userId}/{id}{Extension(originalName)}";

    /// <summary>The lower-cased extension of <paramref name="name"/> with its dot, or "" when it is not plain letters and digits.</summary>
    public static string Extension(string name)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return SafeExtension().IsMatch(ext) ? ext : "";
    }

    /// <summary>Splits a key this server made; null for anything else (other shapes, "..", extra segments).</summary>
    public static (string Owner, Guid OwnerId, string File)? Parse(string key)
    {
        var match = KeyShape().Match(key);
        if (!match.Success || !Guid.TryParse(match.Groups[2].Value, out var ownerId))
            return null;
        return (match.Groups[1].Value, ownerId, match.Groups[3].Value);
    }

    [GeneratedRegex(@"^\.[a-z0-9]{1,16}$")]
    private static partial Regex SafeExtension();

    [GeneratedRegex(@"^(workspaces|users)/([0-9a-fA-F-]{36})/([0-9a-fA-F-]{36}(?:\.[a-z0-9]{1,16})?)$")]
    private static partial Regex KeyShape();
}
