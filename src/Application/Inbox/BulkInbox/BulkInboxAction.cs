namespace Multica.Application.Inbox.BulkInbox;

/// <summary>The bulk inbox routes: mark-all-read, archive-all, archive-all-read, archive-completed (issue done or cancelled).</summary>
public enum BulkInboxAction
{
    MarkAllRead,
    ArchiveAll,
    ArchiveAllRead,
    ArchiveCompleted,
}
