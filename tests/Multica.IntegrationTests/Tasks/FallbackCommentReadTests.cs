using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Tasks;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// The fallback comment's one read (docs/daemon-protocol.md): the issue, unless the task's agent has commented on it
/// since the run started.
/// </summary>
public sealed class FallbackCommentReadTests
{
    private static readonly DateTime Started = DateTime.UtcNow.AddMinutes(-10);

    private static async Task<(Guid Workspace, Guid Agent, Guid OtherAgent, Guid Issue)> IssueAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        return (ws.Id, await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id), await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id),
            await DaemonSeed.IssueAsync(ws.Id, owner.Id));
    }

    private static async Task<Guid?> ReadAsync(Guid issue, Guid agent, DateTime? since)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<ITaskContextRepository>();
        return (await context.FindIssueUnlessAgentCommentedAsync(issue, agent, since, CancellationToken.None))?.Id;
    }

    [Test]
    public async Task WithoutAComment_OrWithOnlyOlderOrOtherAuthorsComments_TheIssueComesBack()
    {
        var (workspace, agent, other, issue) = await IssueAsync();
        Assert.That(await ReadAsync(issue, agent, Started), Is.EqualTo(issue), "no comment at all");

        await DaemonTestData.CommentAsync(issue, workspace, "agent", agent, "before the run", createdAt: Started.AddMinutes(-1));
        await DaemonTestData.CommentAsync(issue, workspace, "agent", other, "another agent", createdAt: Started.AddMinutes(1));
        Assert.That(await ReadAsync(issue, agent, Started), Is.EqualTo(issue), "only an older comment and another agent's");
    }

    [Test]
    public async Task TheAgentsCommentSinceTheStart_MeansNothingToAdd_UnlessTheRunHasNoStart()
    {
        var (workspace, agent, _, issue) = await IssueAsync();
        await DaemonTestData.CommentAsync(issue, workspace, "agent", agent, "done", createdAt: Started.AddMinutes(1));

        var duringTheRun = await ReadAsync(issue, agent, Started);
        var withoutAStart = await ReadAsync(issue, agent, null);
        var missingIssue = await ReadAsync(Guid.NewGuid(), agent, null);
        Assert.Multiple(() =>
        {
            Assert.That(duringTheRun, Is.Null, "commented during the run");
            Assert.That(withoutAStart, Is.EqualTo(issue), "a run without a start time");
            Assert.That(missingIssue, Is.Null, "an issue that does not exist");
        });
    }
}
