using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Observability;

/// <summary>
/// /readyz against a PostgreSQL of this test's own: 503 naming postgres while it is stopped, 200 once it is back;
/// /health answers 200 throughout (it checks nothing).
/// </summary>
public sealed class ReadinessTests
{
    [Test]
    public async Task Readyz_Is503WhilePostgresIsDown_And200WhenItReturns()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        await using var server = new MulticaApiFactory(postgres.DatabaseUrl, redisUrl: null);
        var client = server.CreateClient();

        var up = await client.ReadyzAsync();
        Assert.That(up.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(up.Body.GetProperty("checks").Str("postgres"), Is.EqualTo("ok"));

        await postgres.StopAsync();
        var down = await client.ReadyzAsync();
        Assert.That(down.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(down.Body.Str("error"), Is.EqualTo("postgres unavailable"));
        Assert.That(down.Body.GetProperty("checks").Str("postgres"), Is.Not.EqualTo("ok"));
        using (var live = await client.GetAsync("/health"))
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await postgres.StartAgainAsync();
        // Pooled connections broken by the restart are discarded as they fail; ask until a fresh one answers.
        var back = await client.ReadyzAsync();
        for (var attempt = 0; attempt < 20 && back.Status != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(250);
            back = await client.ReadyzAsync();
        }
        Assert.That(back.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(back.Body.GetProperty("checks").Str("postgres"), Is.EqualTo("ok"));
    }
}
