using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.DaemonProtocol.Presence;

public sealed class CapabilitiesTests
{
    [Test]
    [Property("Id", "N1")]
    public async Task Register_RecordsClientCapabilitiesPerRuntime()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var daemon = TestData.ClientWith(await TestData.CreatePatAsync(owner.Client));
        daemon.Http.DefaultRequestHeaders.Add("X-Client-Capabilities", "skill-bundles-v1,rpc-v1");
        var body = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = ws.Id,
            daemon_id = Guid.NewGuid().ToString(),
            runtimes = new[] { new { name = "c", type = "claude", version = "1", status = "online" } },
        }).ExpectAsync(HttpStatusCode.OK);
        var runtimeId = Guid.Parse(body.GetProperty("runtimes")[0].Str("id"));

        var metadata = await DaemonSeed.ScalarAsync<string>("SELECT metadata::text FROM agent_runtime WHERE id = @r", ("r", runtimeId));
        using var doc = JsonDocument.Parse(metadata);
        var capabilities = doc.RootElement.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.That(capabilities, Is.EqualTo(new[] { "skill-bundles-v1", "rpc-v1" }));
    }
}

public sealed class KeepAliveTests
{
    [Test]
    [Property("Id", "N45")]
    public void SocketsArePingedWellWithinTheDaemonsSixtySecondReadDeadline()
    {
        var options = TestEnvironment.Factory.Services
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.WebSocketOptions>>().Value;
        Assert.That(options.KeepAliveInterval, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(55)));
    }
}
