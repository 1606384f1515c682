using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Realtime;
using Multica.Application.Issues.Events;
using Multica.Application.Notifications;
using Multica.Infrastructure.Background;
using Multica.Infrastructure.Persistence;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

/// <summary>
/// A lane reacts to the events it has queued in one transaction (IssueEventListener.ReactAsync): the rows are those the
/// events write one by one, a later event sees the followers an earlier one added, and an event that cannot be reacted
/// to costs only its own reaction.
/// </summary>
public sealed class ReactionBatchTests
{
    [Test]
    public async Task ABatch_WritesWhatItsEventsWroteOneByOne_AndALaterEventSeesAnEarlierOnesFollowers()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var issue = (await CreateAssignedIssueAsync(owner, member.Id)).Id();
        await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 1);
        await CommentAsync(member.Client, issue, "on it");
        await EventuallyAsync(owner.Client, "/api/inbox", l => l.GetArrayLength() == 1);
        await owner.Client.PutAsync($"/api/issues/{issue}", new { status = "in_progress" }).ExpectAsync(HttpStatusCode.OK);
        await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 2);
        var events = new[]
        {
            await EventAsync(EventTypes.IssueCreated, e => IssueEventFacts.IssueIdOf(e) == issue),
            await EventAsync(EventTypes.CommentCreated, e => IssueEventFacts.IssueIdOf(e) == issue),
            await EventAsync(EventTypes.IssueUpdated, e => IssueEventFacts.IssueIdOf(e) == issue),
        };
        var oneByOne = await RowsAsync(issue);
        Assert.That(oneByOne.Items, Has.Count.EqualTo(3), "the assignment, the comment and the status change");

        // The same three events again, as one batch, on an issue whose reaction rows are gone: the comment's reaction
        // lists the followers the creation's reaction added in the same transaction (the creator hears of the comment),
        // and the status change reaches the assignee, who followed on creation.
        await ForgetReactionsAsync(issue);
        await IssueEventListener.ReactAsync(events, Scopes, NullLogger.Instance, CancellationToken.None);

        Assert.That(await RowsAsync(issue), Is.EqualTo(oneByOne));
    }

    [Test]
    public async Task ABatchWithAnEventThatCannotBeReactedTo_StillReactsToEveryOtherEvent()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var first = (await CreateAssignedIssueAsync(owner, member.Id)).Id();
        var second = (await CreateAssignedIssueAsync(owner, member.Id)).Id();
        await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 2);
        var createdFirst = await EventAsync(EventTypes.IssueCreated, e => IssueEventFacts.IssueIdOf(e) == first);
        var createdSecond = await EventAsync(EventTypes.IssueCreated, e => IssueEventFacts.IssueIdOf(e) == second);
        var before = (await RowsAsync(first), await RowsAsync(second));

        // An issue:created whose issue is not there (deleted before its reaction ran): its followers cannot be written,
        // which fails the batch's transaction; each event is then reacted to alone.
        var gone = Guid.NewGuid();
        var orphan = createdFirst with { Payload = new IssuePayload(IssueEventFacts.Issue(createdFirst)! with { Id = gone }) };
        await ForgetReactionsAsync(first);
        await ForgetReactionsAsync(second);
        var transactions = await RecordingBatchSizesAsync(
            () => IssueEventListener.ReactAsync([createdFirst, orphan, createdSecond], Scopes, NullLogger.Instance, CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(transactions, Is.EqualTo(new[] { 3, 1, 1, 1 }), "multica.issue_reactions.batch_size: the batch, then each event alone");
            Assert.That((await RowsAsync(first), await RowsAsync(second)), Is.EqualTo(before), "both real issues got their reactions");
            Assert.That(await RowsAsync(gone), Is.EqualTo(new Rows([], [], [])), "nothing for the issue that is not there");
        });
    }

    private static readonly AsyncLocal<List<long>?> BatchSizes = new();

    /// <summary>
    /// The sizes <c>multica.issue_reactions.batch_size</c> recorded while <paramref name="react"/> ran: the meter is
    /// process-wide, so only measurements made in this test's own flow (where the reaction runs) are kept.
    /// </summary>
    private static async Task<List<long>> RecordingBatchSizesAsync(Func<Task> react)
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "multica.issue_reactions.batch_size")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => BatchSizes.Value?.Add(value));
        listener.Start();
        var sizes = BatchSizes.Value = [];
        await react();
        BatchSizes.Value = null;
        return sizes;
    }

    private static IServiceScopeFactory Scopes => TestEnvironment.Factory.Services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>An issue's reaction rows, without their ids and times, in a stable order.</summary>
    private sealed record Rows(List<string> Followers, List<string> Activity, List<string> Items)
    {
        public bool Equals(Rows? other) => other is not null && Followers.SequenceEqual(other.Followers)
            && Activity.SequenceEqual(other.Activity) && Items.SequenceEqual(other.Items);

        public override int GetHashCode() => Followers.Count;

        public override string ToString() =>
            $"followers [{string.Join("; ", Followers)}], activity [{string.Join("; ", Activity)}], items [{string.Join("; ", Items)}]";
    }

    private static async Task<Rows> RowsAsync(Guid issue)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var followers = (await db.IssueSubscribers.AsNoTracking().Where(s => s.IssueId == issue).ToListAsync())
            .Select(s => $"{s.UserType} {s.UserId} {s.Reason}");
        var activity = (await db.ActivityLogs.AsNoTracking().Where(a => a.IssueId == issue).ToListAsync())
            .Select(a => $"{a.Action} {a.ActorId} {a.Details}");
        var items = (await db.InboxItems.AsNoTracking().Where(i => i.IssueId == issue).ToListAsync())
            .Select(i => $"{i.RecipientType} {i.RecipientId} {i.Type} {i.Severity} {i.Body} {i.Details}");
        return new Rows([.. followers.Order()], [.. activity.Order()], [.. items.Order()]);
    }

    private static async Task ForgetReactionsAsync(Guid issue)
    {
        foreach (var table in new[] { "issue_subscriber", "activity_log", "inbox_item" })
            await DaemonSeed.ExecAsync($"DELETE FROM {table} WHERE issue_id = @issue", ("issue", issue));
        Assert.That(await RowsAsync(issue), Is.EqualTo(new Rows([], [], [])));
    }
}
