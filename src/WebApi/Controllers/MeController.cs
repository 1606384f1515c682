using Microsoft.AspNetCore.Mvc;
using Multica.Application.Users;

namespace Multica.WebApi.Controllers;

[Route("api")]
public sealed class MeController : ApiControllerBase
{
    [HttpGet("me")]
    public async Task<IActionResult> Get(CancellationToken ct) => Ok(await Mediator.Send(new GetMeQuery(), ct));

    [HttpPatch("me")]
    public async Task<IActionResult> Update([FromBody] UpdateMeCommand command, CancellationToken ct) =>
        Ok(await Mediator.Send(command, ct));

    [HttpPost("cli-token")]
    public async Task<IActionResult> CliToken(CancellationToken ct) =>
        Ok(new { token = await Mediator.Send(new CreateCliTokenCommand(), ct) });
}
