using Mediator;
using Moq;
using Multica.Application.Actors;
using Multica.Application.Common.Errors;
using Multica.Application.Issues.BatchIssues;
using Multica.Application.Issues.DeleteIssue;
using Multica.Application.Issues.Shared;
using Multica.Application.Issues.UpdateIssue;
using Multica.UnitTests.Support;
using NUnit.Framework;

namespace Multica.UnitTests.Issues;

public sealed class BatchIssuesTests
{
    private static readonly ActorHints NoHints = new(null, null);
    private static readonly UpdateIssueCommand Updates = new("ws", "", NoHints, null, null, "todo", null, null, default, default, default, default, default);

    [Test]
    public async Task Update_CountsApplied_SkipsRefusedAndMalformed_EachThroughTheSingleIssueCommand()
    {
        var ok1 = Guid.NewGuid();
        var refused = Guid.NewGuid();
        var ok2 = Guid.NewGuid();
        var sent = new List<string>();
        var sender = new Mock<ISender>();
        sender.Setup(s => s.Send(It.IsAny<UpdateIssueCommand>(), It.IsAny<CancellationToken>()))
            .Returns((UpdateIssueCommand c, CancellationToken _) =>
            {
                sent.Add(c.IssueId);
                Assert.That(c.Status, Is.EqualTo("todo"), "the updates travel with each id");
                return c.IssueId == refused.ToString()
                    ? throw new BadRequestException("an issue cannot be its own parent")
                    : ValueTask.FromResult<IssueDto>(null!);
            });
        var handler = new BatchIssuesHandlers(sender.Object, new NoTransactionRunner());

        var result = await handler.Handle(new BatchUpdateIssuesCommand("ws", [ok1.ToString(), "nope", refused.ToString(), $" {ok2} "], Updates),
            CancellationToken.None);

        Assert.That(result.Updated, Is.EqualTo(2));
        Assert.That(sent, Is.EqualTo(new[] { ok1.ToString(), refused.ToString(), ok2.ToString() }));
    }

    [Test]
    public void Delete_AServerFailureFailsTheWholeBatch()
    {
        var sender = new Mock<ISender>();
        sender.Setup(s => s.Send(It.IsAny<DeleteIssueCommand>(), It.IsAny<CancellationToken>()))
            .Returns(() => throw new InternalErrorException());
        var handler = new BatchIssuesHandlers(sender.Object, new NoTransactionRunner());

        Assert.ThrowsAsync<InternalErrorException>(async () =>
            await handler.Handle(new BatchDeleteIssuesCommand("ws", [Guid.NewGuid().ToString()], NoHints), CancellationToken.None));
    }

    [Test]
    public void EmptyIds_AreABadRequest()
    {
        var handler = new BatchIssuesHandlers(Mock.Of<ISender>(), new NoTransactionRunner());
        var error = Assert.ThrowsAsync<BadRequestException>(async () =>
            await handler.Handle(new BatchDeleteIssuesCommand("ws", [], NoHints), CancellationToken.None));
        Assert.That(error!.Message, Is.EqualTo("issue_ids is required"));
        Assert.ThrowsAsync<BadRequestException>(async () => await handler.Handle(new BatchUpdateIssuesCommand("ws", null, Updates), CancellationToken.None));
    }
}
