using Multica.Application.Tokens.RenewCurrentToken;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tokens;

namespace Multica.WebApi.Controllers;

[Route("api/tokens")]
public sealed class TokensController : ApiControllerBase
{
    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct) => Ok(await Mediator.Send(new ListTokensQuery(), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateTokenCommand command, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(command, ct));

    [HttpDelete("{tokenId}")]
    public async Task<IActionResult> Revoke(string tokenId, CancellationToken ct)
    {
        await Mediator.Send(new RevokeTokenCommand(tokenId), ct);
        return NoContent();
    }

    /// <summary>POST /api/tokens/current/renew — the daemon renews the token it runs with at start-up and every 3 days.</summary>
    [HttpPost("current/renew")]
    public async Task<IActionResult> Renew(CancellationToken ct) => Ok(await Mediator.Send(new RenewCurrentTokenCommand(), ct));
}
