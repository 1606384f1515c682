using System.Text.Json;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;
using Multica.WebApi.Infrastructure;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// The typed task-event payloads serialise, with the server's JSON settings, to exactly the wire JSON the
/// realtime clients know (field names, order, and fields left out when they do not apply).
/// </summary>
public sealed class TaskEventPayloadTests
{
    private static readonly Guid Task = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Agent = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid Issue = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly Guid Chat = Guid.Parse("44444444-4444-4444-4444-444444444444");
    private static readonly Guid Workspace = Guid.NewGuid();

    private static string Published(Action<TaskEvents> publish)
    {
        var publisher = new RecordingPublisher();
        publish(new TaskEvents(publisher, new ImmediateTransactions()));
        return JsonSerializer.Serialize(publisher.Published.Single().Payload, JsonDefaults.Options);
    }

    [Test]
    public void TaskCompleted_OfAnIssueTask() => Assert.That(
        Published(e => e.Finished(new AgentTask { Id = Task, AgentId = Agent, IssueId = Issue, Status = "completed" }, Workspace)),
        Is.EqualTo($$"""{"task_id":"{{Task}}","agent_id":"{{Agent}}","issue_id":"{{Issue}}","status":"completed"}"""));

    [Test]
    public void TaskFailed_OfAChatTask_CarriesChatSessionAndFailureReason() => Assert.That(
        Published(e => e.Finished(new AgentTask { Id = Task, AgentId = Agent, ChatSessionId = Chat, Status = "failed" }, Workspace)),
        Is.EqualTo($$"""{"task_id":"{{Task}}","agent_id":"{{Agent}}","issue_id":"","status":"failed","chat_session_id":"{{Chat}}","failure_reason":"agent_error"}"""));

    [Test]
    public void TaskCancelled_HasNoFailureReason() => Assert.That(
        Published(e => e.Finished(new AgentTask { Id = Task, AgentId = Agent, IssueId = Issue, Status = "cancelled", FailureReason = "x" }, Workspace)),
        Is.EqualTo($$"""{"task_id":"{{Task}}","agent_id":"{{Agent}}","issue_id":"{{Issue}}","status":"cancelled"}"""));

    [Test]
    public void RetryQueued_IsATaskDispatchWithTheStatusShape() => Assert.That(
        Published(e => e.RetryQueued(new AgentTask { Id = Task, AgentId = Agent, IssueId = Issue, Status = "queued" }, Workspace)),
        Is.EqualTo($$"""{"task_id":"{{Task}}","agent_id":"{{Agent}}","issue_id":"{{Issue}}","status":"queued"}"""));

    [TestCase(0, 0, """{"task_id":"t","summary":"s"}""")]
    [TestCase(2, 5, """{"task_id":"t","summary":"s","step":2,"total":5}""")]
    [TestCase(0, 5, """{"task_id":"t","summary":"s","total":5}""")]
    public void TaskProgress_LeavesOutZeroStepAndTotal(int step, int total, string expected) =>
        Assert.That(Published(e => e.Progress("t", "s", step, total, Workspace)), Is.EqualTo(expected));

    [Test]
    public void ChatDone() => Assert.That(
        Published(e => e.ChatDone(Chat, Task, "hello", Workspace)),
        Is.EqualTo($$"""{"chat_session_id":"{{Chat}}","task_id":"{{Task}}","content":"hello"}"""));

    [Test]
    public void AutopilotRunDone()
    {
        var run = new AutopilotRun { Id = Task, AutopilotId = Agent, Status = "completed" };
        Assert.That(Published(e => e.AutopilotRunDone(run, Workspace)),
            Is.EqualTo($$"""{"run_id":"{{Task}}","autopilot_id":"{{Agent}}","status":"completed"}"""));
    }

    private sealed class RecordingPublisher : IEventPublisher
    {
        public List<RealtimeEvent> Published { get; } = [];
        public void Publish(RealtimeEvent evt) => Published.Add(evt);
    }

    private sealed class ImmediateTransactions : ITransactionRunner
    {
        public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) => work(ct);
        public Task AfterCommitAsync(Func<CancellationToken, Task> work, CancellationToken ct) => work(ct);
        public void AfterCommit(Action work) => work();
    }
}
