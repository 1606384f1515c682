using Moq;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Tasks;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

/// <summary>The transcript page size: the default without <c>limit</c>, the cap above it, and the next page's <c>since</c>.</summary>
public sealed class TaskMessageListingTests
{
    private static readonly LimitOptions Limits = new() { TaskMessagesPageSize = 3, TaskMessagesPageMax = 5, TaskMessagesPageBytes = 1_000 };

    [TestCase(null, 3)]
    [TestCase("", 3)]
    [TestCase("2", 2)]
    [TestCase("5", 5)]
    [TestCase("6", 5)]
    [TestCase("99999999999999", 5)]
    public async Task PageSize_DefaultsWithoutLimit_AndNeverExceedsTheCap(string? limit, int expected)
    {
        var tasks = new Mock<ITaskRepository>();
        tasks.Setup(t => t.ListMessagesAsync(It.IsAny<Guid>(), It.IsAny<int?>(), It.IsAny<int>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TaskMessageSlice([], false));
        await TaskMessageListing.ListAsync(tasks.Object, new AgentTask { Id = Guid.NewGuid() }, null, limit, Limits, CancellationToken.None);
        tasks.Verify(t => t.ListMessagesAsync(It.IsAny<Guid>(), null, expected, 1_000, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task AFullPage_NamesTheNextSince_AShortOneDoesNot()
    {
        var task = new AgentTask { Id = Guid.NewGuid() };
        var tasks = new Mock<ITaskRepository>();
        tasks.Setup(t => t.ListMessagesAsync(task.Id, 10, 3, 1_000, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TaskMessageSlice([Message(task, 11), Message(task, 12), Message(task, 14)], false));
        tasks.Setup(t => t.ListMessagesAsync(task.Id, 14, 3, 1_000, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TaskMessageSlice([Message(task, 15)], false));

        var full = await TaskMessageListing.ListAsync(tasks.Object, task, "10", null, Limits, CancellationToken.None);
        Assert.That(full.NextSince, Is.EqualTo(14));
        var last = await TaskMessageListing.ListAsync(tasks.Object, task, "14", null, Limits, CancellationToken.None);
        Assert.That(last.NextSince, Is.Null);
        Assert.That(last.Messages.Single().Seq, Is.EqualTo(15));
    }

    [Test]
    public async Task APageCutByItsBytes_NamesTheNextSince_ThoughItHasFewerMessagesThanItsCount()
    {
        var task = new AgentTask { Id = Guid.NewGuid() };
        var tasks = new Mock<ITaskRepository>();
        tasks.Setup(t => t.ListMessagesAsync(task.Id, 10, 3, 1_000, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TaskMessageSlice([Message(task, 11)], true));
        tasks.Setup(t => t.ListMessagesAsync(task.Id, 20, 3, 1_000, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TaskMessageSlice([], false));

        var cut = await TaskMessageListing.ListAsync(tasks.Object, task, "10", null, Limits, CancellationToken.None);
        var empty = await TaskMessageListing.ListAsync(tasks.Object, task, "20", null, Limits, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(cut.NextSince, Is.EqualTo(11));
            Assert.That(empty.NextSince, Is.Null, "nothing left: no next page");
        });
    }

    [TestCase("abc", null, "invalid since parameter")]
    [TestCase(null, "0", "invalid limit parameter")]
    [TestCase(null, "-1", "invalid limit parameter")]
    [TestCase(null, "1.5", "invalid limit parameter")]
    [TestCase(null, "x", "invalid limit parameter")]
    public void Validate_RefusesBadParameters(string? since, string? limit, string message) =>
        Assert.That(() => TaskMessageListing.Validate(since, limit), Throws.InstanceOf<BadRequestException>().With.Message.EqualTo(message));

    private static TaskMessage Message(AgentTask task, int seq) => new() { TaskId = task.Id, Seq = seq, Type = "text" };
}
