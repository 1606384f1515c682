using System.Net;
using Microsoft.Playwright;
using Multica.IntegrationTests.Cluster;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Dashboard;

/// <summary>
/// The operator dashboard end to end: a real server on a real port, headless Chromium (the system's
/// <c>chromium</c>, driven by Playwright) signs in with the development code flow and reads the seeded figures.
/// The screenshot lands in the test's work folder and is attached to the test results.
/// </summary>
[NonParallelizable]
public sealed class AdminDashboardBrowserTests
{
    private const string ChromiumVariable = "MULTICA_TEST_CHROMIUM";

    private static readonly string[] LaunchArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private static string? ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (!string.IsNullOrEmpty(configured))
            return configured;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }

    [Test]
    public async Task Dashboard_SignedIn_ShowsTheWorkspaceRuntimesQueueAndTaskMessages()
    {
        var chromium = ChromiumPath();
        if (chromium is null)
            Assert.Ignore($"!!! NO CHROMIUM: the dashboard browser test did not run (install Debian's chromium or set {ChromiumVariable}) !!!");

        var owner = await WorkspaceData.OwnerAsync();
        var runtime = await DaemonSeed.RuntimeAsync(owner.WorkspaceId, owner.Id);
        await DaemonSeed.ExecAsync("UPDATE agent_runtime SET name = 'dashboard-box', metadata = '{\"version\":\"9.8.7\"}' WHERE id = @id", ("id", runtime));
        var offline = await DaemonSeed.RuntimeAsync(owner.WorkspaceId, owner.Id, status: "offline");
        var agent = await DaemonSeed.AgentAsync(owner.WorkspaceId, runtime, owner.Id);
        for (var i = 0; i < 3; i++)
            await DaemonSeed.TaskAsync(agent, runtime);
        var issue = await DaemonSeed.IssueAsync(owner.WorkspaceId, owner.Id);
        var running = await DaemonSeed.TaskAsync(agent, runtime, issue, status: "running", dispatchedAt: DateTime.UtcNow, startedAt: DateTime.UtcNow);
        var orphaned = await DaemonSeed.TaskAsync(agent, offline, status: "running", dispatchedAt: DateTime.UtcNow, startedAt: DateTime.UtcNow);
        await DaemonSeed.TaskAsync(agent, runtime, status: "completed", completedAt: DateTime.UtcNow);
        var firstAttempt = await DaemonSeed.TaskAsync(agent, runtime, status: "failed", completedAt: DateTime.UtcNow);
        var retry = await DaemonSeed.TaskAsync(agent, runtime, status: "completed", completedAt: DateTime.UtcNow);
        await DaemonSeed.ExecAsync("UPDATE agent_task_queue SET attempt = 2, parent_task_id = @p WHERE id = @id", ("p", firstAttempt), ("id", retry));
        await DaemonSeed.ExecAsync("INSERT INTO task_message (task_id, seq, type, content) VALUES (@t, 1, 'text', 'hello from the agent')",
            ("t", running));

        var stranger = await WorkspaceData.OwnerAsync();
        var strangerRuntime = await DaemonSeed.RuntimeAsync(stranger.WorkspaceId, stranger.Id);

        var pat = await TestData.CreatePatAsync(owner.Client, "dashboard");

        await using var node = ClusterNode.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true, Args = LaunchArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", "admin-dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var screenshotTaken = false;
        try
        {
            await page.GotoAsync(new Uri(node.Address, "/admin").ToString());
            Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/admin/"));

            // The development sign-in flow: email, then the development code. The owner signed in a moment ago; age
            // that code past the resend interval so the page may ask for another one.
            await DaemonSeed.ExecAsync("UPDATE verification_code SET created_at = created_at - interval '1 hour' WHERE email = @e",
                ("e", owner.User.Email));
            await page.FillAsync("#email", owner.User.Email);
            await page.ClickAsync("#code-form button");
            await page.FillAsync("#code", "888888");
            await page.ClickAsync("#verify-form button");

            var row = page.Locator($"#runtimes tr[data-runtime-id='{runtime}']");
            await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15000 });
            await Assertions.Expect(row).ToContainTextAsync("dashboard-box");
            await Assertions.Expect(row).ToContainTextAsync("online");
            await Assertions.Expect(row).ToContainTextAsync("9.8.7");
            await Assertions.Expect(row.Locator("td.depth-queued")).ToHaveTextAsync("3");
            await Assertions.Expect(row.Locator("td.depth-running")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator($"#runtimes tr[data-runtime-id='{offline}']")).ToContainTextAsync("offline");
            await Assertions.Expect(page.Locator("#runtimes-summary")).ToHaveTextAsync("1 online, 1 offline");
            await Assertions.Expect(page.Locator("#stuck-count")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("#stuck")).ToContainTextAsync(orphaned.ToString()[..8]);
            await Assertions.Expect(page.Locator("#retried-count")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("#retried")).ToContainTextAsync(retry.ToString()[..8]);
            await Assertions.Expect(page.Locator("#throughput-total")).ToContainTextAsync("2 completed, 1 failed");

            // One task's messages: the stored transcript, then the live socket.
            await page.FillAsync("#task-id", running.ToString());
            await page.ClickAsync("#watch-form button");
            await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("hello from the agent");
            await Assertions.Expect(page.Locator("#socket-state")).ToHaveTextAsync("live", new() { Timeout = 15000 });

            // A message the daemon reports now arrives over /ws, after the stored one.
            await node.Client(pat).PostAsync($"/api/daemon/tasks/{running}/messages",
                    new { messages = new[] { new { seq = 2, type = "text", content = "live from the daemon" } } }).ExpectAsync(HttpStatusCode.OK);
            await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#messages li").Nth(1)).ToContainTextAsync("live from the daemon");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            screenshotTaken = true;

            // Workspace-scoped: another user's runtime never shows.
            await Assertions.Expect(page.Locator("#runtimes tbody tr")).ToHaveCountAsync(2);
            Assert.That(await page.Locator($"#runtimes tr[data-runtime-id='{strangerRuntime}']").CountAsync(), Is.Zero);

            // Signed out, then in again with a personal access token.
            await page.ClickAsync("#sign-out");
            await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
            await page.FillAsync("#pat", pat);
            await page.ClickAsync("#token-form button");
            await Assertions.Expect(row).ToContainTextAsync("dashboard-box", new() { Timeout = 15000 });
        }
        finally
        {
            // The full dashboard once every panel and the live view are filled; on a failure, the page as it stands.
            if (!screenshotTaken)
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            TestContext.AddTestAttachment(screenshot, "the operator dashboard");
        }
    }
}
