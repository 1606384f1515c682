using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Multica.Application.Auth;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.WebApi.Middleware;

namespace Multica.WebApi.Controllers;

[Route("auth")]
public sealed class AuthController(IJwtService jwt, IOptions<AuthOptions> options) : ApiControllerBase
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    [HttpPost("send-code")]
    public async Task<IActionResult> SendCode([FromBody] SendCodeCommand command, CancellationToken ct) =>
        Ok(await Mediator.Send(command, ct));

    [HttpPost("verify-code")]
    public async Task<IActionResult> VerifyCode([FromBody] VerifyCodeCommand command, CancellationToken ct)
    {
        var result = await Mediator.Send(command, ct);
        SetCookie(AuthenticationMiddleware.AuthCookie, result.Token, httpOnly: true, CookieLifetime);
        SetCookie(AuthenticationMiddleware.CsrfCookie, jwt.IssueCsrfToken(result.Token), httpOnly: false, CookieLifetime);
        return Ok(new { token = result.Token, user = result.User });
    }

    [HttpPost("logout")]
    public IActionResult Logout()
    {
        SetCookie(AuthenticationMiddleware.AuthCookie, "", httpOnly: true, TimeSpan.FromSeconds(-1));
        SetCookie(AuthenticationMiddleware.CsrfCookie, "", httpOnly: false, TimeSpan.FromSeconds(-1));
        return Ok(new { message = "logged out" });
    }

    private void SetCookie(string name, string value, bool httpOnly, TimeSpan maxAge)
    {
        var o = options.Value;
        var cookie = new CookieOptions
        {
            Path = "/",
            HttpOnly = httpOnly,
            SameSite = SameSiteMode.Strict,
            Secure = o.FrontendOrigin.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
            MaxAge = maxAge,
        };
        // An IP literal is not a valid cookie domain; upstream ignores it too.
        if (!string.IsNullOrWhiteSpace(o.CookieDomain) && !IPAddress.TryParse(o.CookieDomain, out _))
            cookie.Domain = o.CookieDomain;
        Response.Cookies.Append(name, value, cookie);
    }
}
