using System.Net;
using Microsoft.AspNetCore.Hosting;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Observability;

/// <summary>
/// The request histogram is made per host. Another host in the same process (a second node, a derived test server)
/// that starts, serves and stops must neither add to this server's series nor take them away.
/// </summary>
public sealed class HostScopedMetricsTests
{
    [Test]
    public async Task RequestHistogram_KeepsThisServersSeries_WhenAnotherHostInTheProcessStops()
    {
        var w = await DaemonTestData.WorldAsync();
        await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime }).ExpectAsync(HttpStatusCode.OK);
        var before = await HeartbeatCountAsync();
        Assert.That(before, Is.GreaterThan(0));

        await using (var other = TestEnvironment.Factory.WithWebHostBuilder(b => b.UseSetting("SlowRequests:ThresholdMs", "0")))
        {
            using var response = await other.CreateClient().GetAsync("/healthz");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime }).ExpectAsync(HttpStatusCode.OK);
        // The exporter answers a scrape from the response it rendered for the previous one when that is under 300 ms
        // old (its scrape cache): ask again until a fresh one comes, for at most 10 s.
        var after = await HeartbeatCountAsync();
        for (var attempt = 0; attempt < 50 && after <= before; attempt++)
        {
            await Task.Delay(200);
            after = await HeartbeatCountAsync();
        }
        Assert.That(after, Is.GreaterThan(before));
    }

    private static async Task<double> HeartbeatCountAsync()
    {
        using var response = await TestData.Anonymous().GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        return samples.Sum("http_server_request_duration_seconds_count", ("http_route", "api/daemon/heartbeat"));
    }
}
