using System.Text.Json;
using Multica.Application.Activity.Shared;
using Multica.Application.Comments.Events;
using Multica.Application.Comments.Shared;
using Multica.Application.Common.Interfaces;
using Multica.Application.Inbox.Shared;
using Multica.Application.Runtimes.Events;
using Multica.Application.Runtimes.Shared;
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
        var payload = publisher.Published.Single().Payload;
        var frame = JsonSerializer.Serialize(payload, JsonDefaults.Options);
        // The Redis relay serialises by the payload's runtime type with the same options: the same text.
        Assert.That(JsonSerializer.SerializeToElement(payload, payload.GetType(), JsonDefaults.Options).GetRawText(),
            Is.EqualTo(frame), "relayed payload");
        return frame;
    }

    private static string Wire(object value) => JsonSerializer.Serialize(value, JsonDefaults.Options);

    private static readonly Guid Runtime = Guid.Parse("55555555-5555-5555-5555-555555555555");
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc);

    [Test]
    public void TaskDispatch_MergesTheStoredContextUnderTheRoutingKeys() => Assert.That(
        Published(e => e.Dispatched(new AgentTask
        {
            Id = Task, AgentId = Agent, RuntimeId = Runtime, IssueId = Issue,
            Context = """{"repo":{"url":"u"},"agent_id":"stale","n":1}""",
        }, Workspace)),
        Is.EqualTo($$"""{"repo":{"url":"u"},"agent_id":"{{Agent}}","n":1,"task_id":"{{Task}}","runtime_id":"{{Runtime}}","issue_id":"{{Issue}}"}"""));

    [TestCase(null)]
    [TestCase("[1,2]")]
    public void TaskDispatch_WithoutAContextObject_IsTheRoutingKeys(string? context) => Assert.That(
        Published(e => e.Dispatched(new AgentTask { Id = Task, AgentId = Agent, RuntimeId = Runtime, Context = context }, Workspace)),
        Is.EqualTo($$"""{"task_id":"{{Task}}","runtime_id":"{{Runtime}}","issue_id":"","agent_id":"{{Agent}}"}"""));

    [Test]
    public void AgentStatus_CarriesTheAgentSummary()
    {
        var agent = new Agent
        {
            Id = Agent, WorkspaceId = Workspace, RuntimeId = Runtime, Name = "a", Description = "d", RuntimeMode = "local",
            RuntimeConfig = """{"k":"v"}""", Visibility = "workspace", Status = "working", MaxConcurrentTasks = 2,
            OwnerId = Chat, CreatedAt = At, UpdatedAt = At, Instructions = "secret instructions",
        };
        Assert.That(Published(e => e.AgentStatus(agent)), Is.EqualTo(
            $$$"""{"agent":{"id":"{{{Agent}}}","workspace_id":"{{{Workspace}}}","runtime_id":"{{{Runtime}}}","name":"a","description":"d","avatar_url":null,"runtime_mode":"local","runtime_config":{"k":"v"},"visibility":"workspace","status":"working","max_concurrent_tasks":2,"owner_id":"{{{Chat}}}","skills":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","archived_at":null,"archived_by":null}}"""));
    }

    [Test]
    public void CommentCreated_OfAnAgentComment()
    {
        var comment = new Comment { Id = Chat, IssueId = Issue, AuthorType = "agent", AuthorId = Agent, Content = "done", Type = "comment", CreatedAt = At };
        var issue = new Issue { Id = Issue, WorkspaceId = Workspace, Title = "t", Status = "in_review" };
        Assert.That(Published(e => e.CommentCreated(comment, issue)), Is.EqualTo(
            $$"""{"comment":{"id":"{{Chat}}","issue_id":"{{Issue}}","author_type":"agent","author_id":"{{Agent}}","content":"done","type":"comment","parent_id":null,"created_at":"2026-01-02T03:04:05Z"},"issue_title":"t","issue_status":"in_review"}"""));
    }

    [Test]
    public void ActivityCreated_IsTheIssueIdAndTheTimelineEntry()
    {
        var entry = new ActivityLog { Id = Chat, WorkspaceId = Workspace, IssueId = Issue, Action = "task_completed", CreatedAt = At };
        Assert.That(Published(e => e.ActivityCreated(entry)), Is.EqualTo(
            $$"""{"issue_id":"{{Issue}}","entry":{{Wire(TimelineEntryDto.FromActivity(entry))}}}"""));
        Assert.That(Wire(TimelineEntryDto.FromActivity(entry)), Does.StartWith($$"""{"type":"activity","id":"{{Chat}}","""));
    }

    [Test]
    public void InboxNew_IsTheItem()
    {
        var item = new InboxItem { Id = Chat, WorkspaceId = Workspace, RecipientId = Agent, IssueId = Issue, Type = "issue_assigned", Title = "t", CreatedAt = At };
        Assert.That(Published(e => e.InboxNew(item)), Is.EqualTo($$"""{"item":{{Wire(InboxItemDto.From(item, null))}}}"""));
        Assert.That(Wire(InboxItemDto.From(item, null)), Does.StartWith($$"""{"id":"{{Chat}}","workspace_id":"{{Workspace}}","""));
    }

    [Test]
    public void DaemonRegister_WithAnAction() => Assert.That(
        Published(e => e.DaemonRegister(Workspace, DaemonRegisterPayload.Changed("stale_sweep"))),
        Is.EqualTo("""{"action":"stale_sweep"}"""));

    [Test]
    public void DaemonRegister_WithTheRegisteredRuntimes()
    {
        var runtime = RuntimeDto.From(new AgentRuntime { Id = Runtime, WorkspaceId = Workspace, Name = "r", CreatedAt = At, UpdatedAt = At });
        Assert.That(Published(e => e.DaemonRegister(Workspace, DaemonRegisterPayload.Registered([runtime]))),
            Is.EqualTo($$"""{"runtimes":[{{Wire(runtime)}}]}"""));
        Assert.That(Wire(runtime), Does.StartWith($$"""{"id":"{{Runtime}}","""));
    }

    [Test]
    public void CommentCreated_OfACommentPostedThroughTheApi()
    {
        var dto = CommentDto.From(new Comment { Id = Chat, IssueId = Issue, WorkspaceId = Workspace, AuthorId = Agent, Content = "hi", CreatedAt = At, UpdatedAt = At });
        Assert.That(Wire(new CommentCreatedPayload(dto, "t", null, null, "todo")), Is.EqualTo(
            $$"""{"comment":{{Wire(dto)}},"issue_title":"t","issue_assignee_type":null,"issue_assignee_id":null,"issue_status":"todo"}"""));
        Assert.That(Wire(new CommentCreatedPayload(dto, "t", "agent", Agent, "todo")), Does.EndWith(
            $$""","issue_assignee_type":"agent","issue_assignee_id":"{{Agent}}","issue_status":"todo"}"""));
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
