using Microsoft.AspNetCore.Mvc;
using Multica.Application.Pins.CreatePin;
using Multica.Application.Pins.DeletePin;
using Multica.Application.Pins.ListPins;
using Multica.Application.Pins.ReorderPins;

namespace Multica.WebApi.Controllers;

/// <summary>The caller's sidebar pins in the selected workspace.</summary>
[Route("api/pins")]
public sealed class PinsController : WorkspaceControllerBase
{
    public sealed record CreatePinBody(string? ItemType, string? ItemId);

    public sealed record ReorderBody(List<PinPosition>? Items);

    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct) => Ok(await Mediator.Send(new ListPinsQuery(await SelectedWorkspaceIdAsync()), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreatePinBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreatePinCommand(await SelectedWorkspaceIdAsync(), b.ItemType, b.ItemId), ct));

    [HttpPut("reorder")]
    public async Task<IActionResult> Reorder([FromBody] ReorderBody b, CancellationToken ct)
    {
        await Mediator.Send(new ReorderPinsCommand(await SelectedWorkspaceIdAsync(), b.Items), ct);
        return NoContent();
    }

    [HttpDelete("{itemType}/{itemId}")]
    public async Task<IActionResult> Delete(string itemType, string itemId, CancellationToken ct)
    {
        await Mediator.Send(new DeletePinCommand(await SelectedWorkspaceIdAsync(), itemType, itemId), ct);
        return NoContent();
    }
}
