using Microsoft.Extensions.Time.Testing;
using Moq;
using Multica.Application.Common.Security;
using NUnit.Framework;

namespace Multica.UnitTests.Security;

public sealed class AuthenticatorTests
{
    private Mock<ICredentialStore> _store = null!;
    private Mock<IJwtService> _jwt = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new Mock<ICredentialStore>();
        _jwt = new Mock<IJwtService>();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    }
    private Authenticator Sut => new(_store.Object, _jwt.Object, _time);
    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    [TestCase(null, "missing authorization header")]
    [TestCase("", "missing authorization header")]
    [TestCase("Basic abc", "invalid authorization format")]
    [TestCase("bearer abc", "invalid authorization format")]
    public async Task Daemon_HeaderProblems(string? header, string expected)
    {
        var outcome = await Sut.AuthenticateDaemonAsync(header, CancellationToken.None);
        Assert.That(outcome.Error, Is.EqualTo(expected));
    }

    [Test]
    public async Task Daemon_ValidDaemonToken_BindsWorkspace()
    {
        var workspace = Guid.NewGuid();
        _store.Setup(s => s.FindDaemonTokenAsync(OpaqueTokens.Hash("mdt_x"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DaemonCredential(Guid.NewGuid(), workspace, "d1", Now.AddDays(1)));
        var outcome = await Sut.AuthenticateDaemonAsync("Bearer mdt_x", CancellationToken.None);
        Assert.That(outcome.Caller!.Kind, Is.EqualTo(CallerKind.DaemonToken));
        Assert.That(outcome.Caller.DaemonWorkspaceId, Is.EqualTo(workspace));
        Assert.That(outcome.Caller.UserId, Is.Null);
    }

    [Test]
    public async Task Daemon_ExpiredCachedDaemonToken_IsRefused()
    {
        _store.Setup(s => s.FindDaemonTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DaemonCredential(Guid.NewGuid(), Guid.NewGuid(), "d1", Now.AddSeconds(-1)));
        var outcome = await Sut.AuthenticateDaemonAsync("Bearer mdt_x", CancellationToken.None);
        Assert.That(outcome.Error, Is.EqualTo("invalid daemon token"));
    }

    [Test]
    public async Task Daemon_TaskTokenIsNotADaemonCredential()
    {
        _jwt.Setup(j => j.Validate("mat_x")).Returns(JwtValidation.InvalidToken);
        var outcome = await Sut.AuthenticateDaemonAsync("Bearer mat_x", CancellationToken.None);
        Assert.That(outcome.Error, Is.EqualTo("invalid token"));
        _store.Verify(s => s.FindTaskTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task User_Pat_RecordsUse()
    {
        var user = Guid.NewGuid();
        var tokenId = Guid.NewGuid();
        _store.Setup(s => s.FindPersonalAccessTokenAsync(OpaqueTokens.Hash("mul_abc"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PatCredential(tokenId, user, null));
        var outcome = await Sut.AuthenticateUserAsync("mul_abc", CancellationToken.None);
        Assert.That(outcome.Caller!.UserId, Is.EqualTo(user));
        _store.Verify(s => s.RecordPersonalAccessTokenUse(tokenId), Times.Once);
    }

    [Test]
    public async Task User_UnknownPat_IsInvalidToken()
    {
        var outcome = await Sut.AuthenticateUserAsync("mul_nope", CancellationToken.None);
        Assert.That(outcome.Error, Is.EqualTo("invalid token"));
    }

    [Test]
    public async Task User_DaemonToken_FallsIntoJwtParsingAndFails()
    {
        _jwt.Setup(j => j.Validate("mdt_x")).Returns(JwtValidation.InvalidToken);
        var outcome = await Sut.AuthenticateUserAsync("mdt_x", CancellationToken.None);
        Assert.That(outcome.Error, Is.EqualTo("invalid token"));
    }

    [Test]
    public async Task User_TaskToken_ActsAsBoundAgent()
    {
        var cred = new TaskCredential(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now.AddHours(1));
        _store.Setup(s => s.FindTaskTokenAsync(OpaqueTokens.Hash("mat_t"), It.IsAny<CancellationToken>())).ReturnsAsync(cred);
        var caller = (await Sut.AuthenticateUserAsync("mat_t", CancellationToken.None)).Caller!;
        Assert.That(caller.Kind, Is.EqualTo(CallerKind.TaskToken));
        Assert.That((caller.UserId, caller.TokenAgentId, caller.TokenTaskId, caller.TokenWorkspaceId),
            Is.EqualTo(((Guid?)cred.UserId, (Guid?)cred.AgentId, (Guid?)cred.TaskId, (Guid?)cred.WorkspaceId)));
    }

    [Test]
    public async Task User_JwtWithBlankOrNonUuidSubject_IsInvalidClaims()
    {
        _jwt.Setup(j => j.Validate("a.b.c")).Returns(new JwtValidation(JwtValidationStatus.Valid, new JwtIdentity("alice", null)));
        Assert.That((await Sut.AuthenticateUserAsync("a.b.c", CancellationToken.None)).Error, Is.EqualTo("invalid claims"));
        _jwt.Setup(j => j.Validate("d.e.f")).Returns(JwtValidation.InvalidClaims);
        Assert.That((await Sut.AuthenticateUserAsync("d.e.f", CancellationToken.None)).Error, Is.EqualTo("invalid claims"));
    }
}
