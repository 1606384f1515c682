using Microsoft.AspNetCore.Mvc;
using Multica.Application.Subscriptions.ListSubscribers;
using Multica.Application.Subscriptions.Subscribe;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Controllers;

/// <summary>Who follows an issue (and gets its notifications).</summary>
[Route("api/issues/{issueId}")]
public sealed class IssueSubscriptionsController : WorkspaceControllerBase
{
    /// <summary>Optional body; an undecodable one is ignored (the caller is the target), as upstream.</summary>
    public sealed class SubscriptionBody
    {
        public string? UserId { get; set; }
        public string? UserType { get; set; }
    }

    [HttpGet("subscribers")]
    public async Task<IActionResult> List(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListSubscribersQuery(await SelectedWorkspaceIdAsync(), issueId), ct));

    [HttpPost("subscribe")]
    public Task<IActionResult> Subscribe(string issueId, CancellationToken ct) => Set(issueId, true, ct);

    [HttpPost("unsubscribe")]
    public Task<IActionResult> Unsubscribe(string issueId, CancellationToken ct) => Set(issueId, false, ct);

    private async Task<IActionResult> Set(string issueId, bool subscribe, CancellationToken ct)
    {
        var body = (await DeferredBodyReader.ReadAsync<SubscriptionBody>(Request, ct, emptyIsValid: true)).Value;
        return Ok(await Mediator.Send(new SetSubscriptionCommand(await SelectedWorkspaceIdAsync(), issueId, Actor, subscribe,
            body?.UserId, body?.UserType), ct));
    }
}
