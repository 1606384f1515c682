using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Multica.Application.Common;

namespace Multica.WebApi.Controllers;

[Route("api/config")]
public sealed class ConfigController(IOptions<AuthOptions> options) : ApiControllerBase
{
    /// <summary>Public; google_client_id is omitted so the web app hides Google sign-in.</summary>
    [HttpGet]
    public IActionResult Get() => Ok(new
    {
        cdn_domain = "",
        allow_signup = options.Value.AllowSignup,
        posthog_key = "",
        posthog_host = "",
    });
}
