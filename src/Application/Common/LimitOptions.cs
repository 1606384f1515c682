namespace Multica.Application.Common;

/// <summary>
/// Bounds on how much one request may store or read (section "Limits", shared with the web layer's body and string
/// limits). Every value and its default is listed in docs/configuration.md.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>The most messages one task-message report may carry; a larger batch answers 400 and stores nothing.</summary>
    public int MaxMessagesPerBatch { get; set; } = 1_000;

    /// <summary>The most repositories a workspace may list (they travel in every register and claim answer).</summary>
    public int MaxReposPerWorkspace { get; set; } = 100;

    /// <summary>The most bytes the workspace's repository list may take as JSON.</summary>
    public int MaxReposBytes { get; set; } = 64 * 1024;

    /// <summary>Task messages one transcript read returns when the caller names no <c>limit</c>.</summary>
    public int TaskMessagesPageSize { get; set; } = 5_000;

    /// <summary>The most task messages one transcript read returns, whatever <c>limit</c> asks for.</summary>
    public int TaskMessagesPageMax { get; set; } = 10_000;

    /// <summary>
    /// The bulk text (content, input, output; UTF-8 bytes) after which a transcript read stops: the message that reaches
    /// it is the page's last, and the page names the next one's <c>since</c>.
    /// </summary>
    public long TaskMessagesPageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// The most skill text one agent may carry in its claim answers (its skills' names, descriptions, contents, file
    /// paths and contents, UTF-8 bytes): attaching skills or editing an attached skill beyond it answers 400.
    /// </summary>
    public long MaxAgentSkillBytes { get; set; } = 32 * 1024 * 1024;
}
