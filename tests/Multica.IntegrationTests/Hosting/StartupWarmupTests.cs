using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Users;
using Multica.IntegrationTests.Observability;
using Multica.IntegrationTests.Support;
using Multica.WebApi.Warmup;
using NUnit.Framework;

namespace Multica.IntegrationTests.Hosting;

/// <summary>
/// The start-up warm-up (docs/operations.md, "Warm-up at start"): one pass of the task loop over the API that leaves
/// nothing behind and removes what an unfinished pass left, and <c>/readyz</c> answering 503 <c>warming up</c> until
/// the pass has ended, however it ended.
/// </summary>
public sealed class StartupWarmupTests
{
    private static SelfHttpWarmupRound Round =>
        (SelfHttpWarmupRound)TestEnvironment.Factory.Services.GetRequiredService<IStartupWarmupRound>();

    [Test]
    public async Task ThePass_RunsTheTaskLoop_AndLeavesNothingBehind()
    {
        var trace = await Round.RunLoopAsync(TestEnvironment.Factory.CreateClient(), TestServerSocketAsync, CancellationToken.None);

        Assert.That(trace.Calls.Select(c => c.Step), Is.EqualTo(new[]
        {
            "create workspace", "create token", "register daemon", "create agent", "heartbeat", "socket heartbeat", "claim (empty)", "create issue",
            "claim", "start", "messages", "usage", "complete", "list issues", "create chat session", "chat message", "claim chat",
            "start chat", "complete chat", "chat messages", "me", "list workspaces", "list members", "list agents",
            "list runtimes", "get issue", "timeline", "comment", "list comments", "task runs", "transcript", "inbox", "inbox unread count",
            "pins", "projects", "skills", "autopilots", "assignee frequency", "search", "usage summary", "task queue",
            "chat sessions", "child progress", "subscribers", "sub-issues", "attachments",
            "delete workspace",
        }));
        // Every call answered 2xx, and the socket was switched to (101) and acked its heartbeat.
        Assert.That(trace.Calls.Where(c => c.Status is not (>= 200 and <= 299 or 101)), Is.Empty);
        Assert.That(trace.TaskId, Is.Not.Null);
        Assert.That(await CountAsync("\"user\"", trace.UserId), Is.Zero);
        Assert.That(await CountAsync("workspace", trace.WorkspaceId!.Value), Is.Zero);
        Assert.That(await CountAsync("agent_runtime", trace.RuntimeId!.Value), Is.Zero);
        Assert.That(await CountAsync("issue", trace.IssueId!.Value), Is.Zero);
        Assert.That(await CountAsync("agent_task_queue", Guid.Parse(trace.TaskId!)), Is.Zero);
    }

    [Test]
    public async Task AnUnfinishedPassesAccount_IsRemovedWithItsWorkspace_AndARecentOneIsLeftToItsNode()
    {
        var now = DateTime.UtcNow;
        var (stale, staleWorkspace) = await WarmupAccountWithWorkspaceAsync(now - SelfHttpWarmupRound.LeftoverAge - TimeSpan.FromMinutes(1));
        var (recent, recentWorkspace) = await WarmupAccountWithWorkspaceAsync(now - TimeSpan.FromMinutes(1));
        try
        {
            await Round.RunLoopAsync(TestEnvironment.Factory.CreateClient(), TestServerSocketAsync, CancellationToken.None);

            Assert.That(await CountAsync("\"user\"", stale), Is.Zero);
            Assert.That(await CountAsync("workspace", staleWorkspace), Is.Zero);
            Assert.That(await CountAsync("\"user\"", recent), Is.EqualTo(1));
            Assert.That(await CountAsync("workspace", recentWorkspace), Is.EqualTo(1));
        }
        finally
        {
            await using var connection = await TestEnvironment.OpenConnectionAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM workspace WHERE id = @w; DELETE FROM \"user\" WHERE id = @u";
            delete.Parameters.AddWithValue("w", recentWorkspace);
            delete.Parameters.AddWithValue("u", recent);
            await delete.ExecuteNonQueryAsync();
        }
    }

    [TestCase("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [TestCase("http://[::]:8080", "http://127.0.0.1:8080/")]
    [TestCase("http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [TestCase("http://+:80", "http://127.0.0.1/")]
    [TestCase("http://*:8081", "http://127.0.0.1:8081/")]
    [TestCase("http://localhost:8080", "http://localhost:8080/")]
    public void TheNodesOwnAddress_IsItsListenAddress_WithAWildcardMadeLoopback(string listening, string called) =>
        Assert.That(SelfHttpWarmupRound.CallableAddress([listening])?.ToString(), Is.EqualTo(called));

    [Test]
    public void ANodeListeningOnlyOnHttps_OrNowhere_HasNoAddressToCall()
    {
        Assert.That(SelfHttpWarmupRound.CallableAddress(["https://0.0.0.0:8443"]), Is.Null);
        Assert.That(SelfHttpWarmupRound.CallableAddress([]), Is.Null);
        Assert.That(SelfHttpWarmupRound.CallableAddress(["https://0.0.0.0:8443", "http://[::]:8080"])?.ToString(), Is.EqualTo("http://127.0.0.1:8080/"));
    }

    [Test]
    public async Task Readyz_AnswersWarmingUp_UntilThePassHasRun()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = WithRound(_ => release.Task);
        var client = server.CreateClient();

        var during = await client.ReadyzAsync();
        Assert.That(during.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(during.Body.Str("error"), Is.EqualTo("warming up"));

        release.SetResult();
        Assert.That(await ReadyzEventuallyAsync(client), Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PrometheusText.ScrapeAsync(client)).Sum("multica_warmups_total", ("result", "ok")), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Readyz_Answers200_WhenThePassFails_AndTheFailureIsCounted()
    {
        using var server = WithRound(_ => Task.FromException(new InvalidOperationException("warm-up broke")));
        var client = server.CreateClient();

        Assert.That(await ReadyzEventuallyAsync(client), Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PrometheusText.ScrapeAsync(client)).Sum("multica_warmups_total", ("result", "failed")), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Readyz_Answers200_WhenThePassOutlivesItsBudget()
    {
        // The pass ignores its budget's cancellation (as a cleanup that takes its time would): the budget still ends
        // the wait for readiness.
        var unending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = WithRound(_ => unending.Task, timeoutSeconds: 1);
        var client = server.CreateClient();
        try
        {
            // A pass that never ends would keep the node out of its pool for good: the budget opens the gate.
            Assert.That(await ReadyzEventuallyAsync(client), Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            unending.SetResult(); // so the server stops at once
        }
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithRound(Func<CancellationToken, Task> run,
        int timeoutSeconds = 30) =>
        TestEnvironment.Factory.WithWebHostBuilder(b => b
            .UseSetting("Warmup:Enabled", "true")
            .UseSetting("Warmup:TimeoutSeconds", timeoutSeconds.ToString())
            .UseSetting("Database:MigrateOnStartup", "false")
            .ConfigureTestServices(services => services.AddSingleton<IStartupWarmupRound>(new FakeRound(run))));

    private sealed class FakeRound(Func<CancellationToken, Task> run) : IStartupWarmupRound
    {
        public Task RunAsync(CancellationToken ct) => run(ct);
    }

    /// <summary>A daemon socket through the in-process test server (the pass's own connector goes over the network).</summary>
    private static Task<System.Net.WebSockets.WebSocket> TestServerSocketAsync(Uri uri, string bearer, CancellationToken ct)
    {
        var client = TestEnvironment.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + bearer;
        return client.ConnectAsync(uri, ct);
    }

    private static async Task<(Guid User, Guid Workspace)> WarmupAccountWithWorkspaceAsync(DateTime createdAt)
    {
        await using var scope = TestEnvironment.Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IUserRepository>()
            .CreateOrGetAsync(WarmupAccounts.New(createdAt), CancellationToken.None);
        var session = scope.ServiceProvider.GetRequiredService<IJwtService>().Issue(user.Id, user.Email, user.Name);
        using var client = TestEnvironment.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workspaces")
        {
            Content = JsonContent.Create(new { name = "Left over", slug = "warmup-" + Guid.NewGuid().ToString("N")[..12] }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (user.Id, Guid.Parse(body.RootElement.Str("id")));
    }

    private static async Task<long> CountAsync(string table, Guid id)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE id = @id";
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>/readyz's status once it is no longer 503 (or 503 after 10 s).</summary>
    private static async Task<HttpStatusCode> ReadyzEventuallyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = (await client.ReadyzAsync()).Status;
            if (status != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                return status;
            await Task.Delay(50);
        }
    }
}
