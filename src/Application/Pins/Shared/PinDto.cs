using Multica.Domain.Entities;
namespace Multica.Application.Pins.Shared;

public sealed record PinDto(Guid Id, Guid WorkspaceId, Guid UserId, string ItemType, Guid ItemId, double Position, DateTime CreatedAt)
{
    public static PinDto From(PinnedItem p) => new(p.Id, p.WorkspaceId, p.UserId, p.ItemType, p.ItemId, p.Position, p.CreatedAt);
}
