using Multica.Application.Tokens.RenewCurrentToken;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.Controllers;

/// <summary>POST /api/tokens/current/renew — user-auth route the daemon calls at start-up and every 3 days.</summary>
public sealed class TokenRenewController : ApiControllerBase
{
    [HttpPost("api/tokens/current/renew")]
    public async Task<IActionResult> Renew(CancellationToken ct) => Ok(await Mediator.Send(new RenewCurrentTokenCommand(), ct));
}
