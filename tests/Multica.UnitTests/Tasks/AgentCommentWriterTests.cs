using Moq;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

/// <summary>
/// Issue identifiers in a comment the server writes for an agent become mention links; the workspace (for its
/// prefix) is read only when the text could hold an identifier at all.
/// </summary>
public sealed class AgentCommentWriterTests
{
    private readonly Guid _workspace = Guid.NewGuid();
    private readonly Guid _issue = Guid.NewGuid();

    private (AgentCommentWriter Writer, Mock<ITaskContextRepository> Context) Create()
    {
        var context = new Mock<ITaskContextRepository>(MockBehavior.Strict);
        context.Setup(c => c.FindWorkspaceAsync(_workspace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Workspace { Id = _workspace, IssuePrefix = "ABC" });
        context.Setup(c => c.FindIssueIdsByNumberAsync(_workspace, It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, Guid> { [7] = _issue });
        var events = new TaskEvents(Mock.Of<IEventPublisher>(), Mock.Of<ITransactionRunner>());
        return (new AgentCommentWriter(context.Object, events, TimeProvider.System), context);
    }

    [TestCase("done")]
    [TestCase("re-ran the build - all green")]
    [TestCase("ABC-x is not an identifier")]
    public async Task TextWithoutDashDigit_IsKept_WithoutReadingTheWorkspace(string content)
    {
        var (writer, context) = Create();

        Assert.That(await writer.ExpandIssueIdentifiersAsync(_workspace, content, CancellationToken.None), Is.EqualTo(content));
        context.Verify(c => c.FindWorkspaceAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("fixed ABC-7", "fixed [ABC-7](mention://issue/{0})")]
    [TestCase("ABC-7-related, XYZ-7 and ABC-8 stay", "[ABC-7](mention://issue/{0})-related, XYZ-7 and ABC-8 stay")]
    public async Task Identifiers_BecomeMentionLinks(string content, string expected)
    {
        var (writer, context) = Create();

        Assert.That(await writer.ExpandIssueIdentifiersAsync(_workspace, content, CancellationToken.None),
            Is.EqualTo(string.Format(expected, _issue)));
        context.Verify(c => c.FindWorkspaceAsync(_workspace, It.IsAny<CancellationToken>()), Times.Once);
    }
}
