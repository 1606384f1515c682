namespace Multica.Domain.Constants;

public static class CommentType
{
    public const string Comment = "comment";
    public const string StatusChange = "status_change";
    public const string ProgressUpdate = "progress_update";
    public const string System = "system";
    public static readonly string[] All = [Comment, StatusChange, ProgressUpdate, System];
}
