using Multica.Domain.Constants;

namespace Multica.Domain.Entities;

/// <summary>An issue or project a member pinned to their sidebar in one workspace.</summary>
public class PinnedItem
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public string ItemType { get; set; } = PinItemType.Issue;
    public Guid ItemId { get; set; }
    public double Position { get; set; }
    public DateTime CreatedAt { get; set; }
}
