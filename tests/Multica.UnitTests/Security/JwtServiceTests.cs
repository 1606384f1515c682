using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Infrastructure.Auth;
using NUnit.Framework;

namespace Multica.UnitTests.Security;

public sealed class JwtServiceTests
{
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private JwtService Create(string secret = "short") =>
        new(Options.Create(new AuthOptions { JwtSecret = secret }), _time);

    [Test]
    public void IssuedToken_Validates_EvenWithAShortSecret()
    {
        var jwt = Create();
        var user = Guid.NewGuid();
        var result = jwt.Validate(jwt.Issue(user, "a@b.c", "a"));
        Assert.That(result.Status, Is.EqualTo(JwtValidationStatus.Valid));
        Assert.That(result.Identity!.Subject, Is.EqualTo(user.ToString()));
        Assert.That(result.Identity.Email, Is.EqualTo("a@b.c"));
    }

    [Test]
    public void Token_ExpiresAfterThirtyDays()
    {
        var jwt = Create();
        var token = jwt.Issue(Guid.NewGuid(), "a@b.c", "a");
        _time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.That(jwt.Validate(token).Status, Is.EqualTo(JwtValidationStatus.InvalidToken));
    }

    [Test]
    public void OtherSecret_OrTamperedPayload_IsInvalid()
    {
        var token = Create("one").Issue(Guid.NewGuid(), "a@b.c", "a");
        Assert.That(Create("two").Validate(token).Status, Is.EqualTo(JwtValidationStatus.InvalidToken));
        var parts = token.Split('.');
        var tampered = parts[0] + "." + parts[1] + "x." + parts[2];
        Assert.That(Create("one").Validate(tampered).Status, Is.EqualTo(JwtValidationStatus.InvalidToken));
    }

    [Test]
    public void SignedTokenWithoutExpiry_IsInvalid()
    {
        var header = B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = B64("{\"sub\":\"" + Guid.NewGuid() + "\",\"email\":\"x@y.z\"}");
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("short"), Encoding.ASCII.GetBytes(header + "." + payload)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.That(Create().Validate($"{header}.{payload}.{signature}").Status, Is.EqualTo(JwtValidationStatus.InvalidToken));
    }

    [TestCase("none")]
    [TestCase("RS256")]
    public void NonHmacAlgorithms_AreRefused(string alg)
    {
        var header = B64($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}");
        var payload = B64("{\"sub\":\"" + Guid.NewGuid() + "\"}");
        Assert.That(Create().Validate($"{header}.{payload}.").Status, Is.EqualTo(JwtValidationStatus.InvalidToken));
    }

    [Test]
    public void Hs512_IsAccepted_AndMissingSubjectIsInvalidClaims()
    {
        var header = B64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        var payload = B64("{\"email\":\"x@y.z\",\"exp\":" + (_time.GetUtcNow().ToUnixTimeSeconds() + 3600) + "}");
        var signature = Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes("short"), Encoding.ASCII.GetBytes(header + "." + payload)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.That(Create().Validate($"{header}.{payload}.{signature}").Status, Is.EqualTo(JwtValidationStatus.InvalidClaims));
    }

    [Test]
    public void CsrfToken_IsBoundToTheJwt()
    {
        var jwt = Create();
        var csrf = jwt.IssueCsrfToken("jwt-one");
        Assert.That(jwt.ValidateCsrfToken("jwt-one", csrf), Is.True);
        Assert.That(jwt.ValidateCsrfToken("jwt-two", csrf), Is.False);
        Assert.That(jwt.ValidateCsrfToken("jwt-one", "zz.zz"), Is.False);
        Assert.That(jwt.ValidateCsrfToken("jwt-one", null), Is.False);
    }

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
