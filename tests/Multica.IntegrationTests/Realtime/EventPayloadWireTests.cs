using System.Text.Json;
using Multica.Application.Agents.Events;
using Multica.Application.Agents.Shared;
using Multica.Application.Autopilots.Events;
using Multica.Application.Autopilots.Shared;
using Multica.Application.Chat.Events;
using Multica.Application.Comments.Events;
using Multica.Application.Comments.Shared;
using Multica.Application.DaemonProtocol.Socket.Frames;
using Multica.Application.Inbox.Events;
using Multica.Application.Issues.Events;
using Multica.Application.Issues.Shared;
using Multica.Application.Members.Events;
using Multica.Application.Members.Shared;
using Multica.Application.Pins.Events;
using Multica.Application.Pins.ReorderPins;
using Multica.Application.Pins.Shared;
using Multica.Application.Projects.Events;
using Multica.Application.Projects.Shared;
using Multica.Application.Skills.Events;
using Multica.Application.Skills.Shared;
using Multica.Application.Subscriptions.Events;
using Multica.Application.Tasks.Events;
using Multica.Application.Workspaces;
using Multica.Application.Workspaces.Events;
using Multica.Application.Workspaces.ListMembers;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;
using Multica.WebApi.Infrastructure;
using Multica.WebApi.OpenApi;
using Multica.WebApi.Realtime;
using Multica.WebApi.Realtime.Frames;
using NUnit.Framework;

namespace Multica.IntegrationTests.Realtime;

/// <summary>
/// Every realtime event payload and socket frame is a typed record; these pin their wire JSON (field names, values,
/// order and the fields left out when they do not apply) with the server's JSON settings.
/// </summary>
public sealed class EventPayloadWireTests
{
    private static readonly Guid A = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid B = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid C = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc);

    /// <summary>The JSON a web client receives (the payload inside the /ws frame, and as the Redis relay re-serialises it).</summary>
    private static string Wire(object value)
    {
        var text = JsonSerializer.Serialize(value, JsonDefaults.Options);
        Assert.That(JsonSerializer.SerializeToElement(value, value.GetType(), JsonDefaults.Options).GetRawText(), Is.EqualTo(text));
        return text;
    }

    [Test]
    public void IdOnlyPayloads()
    {
        Assert.That(Wire(new SkillDeletedPayload(A)), Is.EqualTo($$"""{"skill_id":"{{A}}"}"""));
        Assert.That(Wire(new AutopilotDeletedPayload(A)), Is.EqualTo($$"""{"autopilot_id":"{{A}}"}"""));
        Assert.That(Wire(new IssueDeletedPayload(A)), Is.EqualTo($$"""{"issue_id":"{{A}}"}"""));
        Assert.That(Wire(new ProjectDeletedPayload(A)), Is.EqualTo($$"""{"project_id":"{{A}}"}"""));
        Assert.That(Wire(new WorkspaceDeletedPayload(A)), Is.EqualTo($$"""{"workspace_id":"{{A}}"}"""));
        Assert.That(Wire(new ChatSessionReadPayload(A)), Is.EqualTo($$"""{"chat_session_id":"{{A}}"}"""));
        Assert.That(Wire(new CommentDeletedPayload(A, B)), Is.EqualTo($$"""{"comment_id":"{{A}}","issue_id":"{{B}}"}"""));
    }

    [Test]
    public void DtoEnvelopes()
    {
        var agent = AgentDto.From(new Agent { Id = A, WorkspaceId = B, RuntimeId = C, Name = "a", Instructions = "secret", CreatedAt = At, UpdatedAt = At }, redact: true);
        Assert.That(Wire(new AgentPayload(agent)), Is.EqualTo($$"""{"agent":{{Wire(agent)}}}"""));

        var autopilot = AutopilotDto.From(new Autopilot { Id = A, WorkspaceId = B, Title = "t", CreatedAt = At, UpdatedAt = At });
        Assert.That(Wire(new AutopilotPayload(autopilot)), Is.EqualTo($$"""{"autopilot":{{Wire(autopilot)}}}"""));

        var comment = CommentDto.From(new Comment { Id = A, IssueId = B, WorkspaceId = C, AuthorId = A, Content = "hi", CreatedAt = At, UpdatedAt = At });
        Assert.That(Wire(new CommentUpdatedPayload(comment)), Is.EqualTo($$"""{"comment":{{Wire(comment)}}}"""));

        var issue = IssueDto.From(new Issue { Id = A, WorkspaceId = B, Number = 7, Title = "t", CreatedAt = At, UpdatedAt = At }, "MUL");
        Assert.That(Wire(new IssuePayload(issue)), Is.EqualTo($$"""{"issue":{{Wire(issue)}}}"""));

        var project = ProjectDto.From(new Project { Id = A, WorkspaceId = B, Title = "p", CreatedAt = At, UpdatedAt = At });
        Assert.That(Wire(new ProjectPayload(project)), Is.EqualTo($$"""{"project":{{Wire(project)}}}"""));

        var pin = PinDto.From(new PinnedItem { Id = A, WorkspaceId = B, UserId = C, ItemType = "issue", ItemId = C, Position = 1.5, CreatedAt = At });
        Assert.That(Wire(new PinCreatedPayload(pin)), Is.EqualTo($$"""{"pin":{{Wire(pin)}}}"""));

        var skill = SkillWithFilesDto.From(new Skill { Id = A, WorkspaceId = B, Name = "s", Config = "{}", CreatedAt = At, UpdatedAt = At },
            [new SkillFile { Id = C, SkillId = A, Path = "a.md", Content = "x", CreatedAt = At, UpdatedAt = At }]);
        Assert.That(Wire(new SkillPayload(skill)), Is.EqualTo($$"""{"skill":{{Wire(skill)}}}"""));
        Assert.That(Wire(skill), Does.Contain($$"""files":[{"id":"{{C}}","skill_id":"{{A}}","path":"a.md","content":"x","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}]"""));

        var workspace = WorkspaceDto.From(new Workspace { Id = A, Name = "w", Slug = "w", IssuePrefix = "W", CreatedAt = At, UpdatedAt = At });
        Assert.That(Wire(new WorkspaceUpdatedPayload(workspace)), Is.EqualTo($$"""{"workspace":{{Wire(workspace)}}}"""));
    }

    [Test]
    public void AgentSkills() => Assert.That(
        Wire(new AgentSkillsPayload(A, [SkillDto.Partial(new Skill { Id = B, Name = "s", Description = "d" })])),
        Is.EqualTo($$"""{"agent_id":"{{A}}","skills":[{"id":"{{B}}","workspace_id":"","name":"s","description":"d","content":"","config":null,"created_by":null,"created_at":"","updated_at":""}]}"""));

    [Test]
    public void AutopilotRunStart() => Assert.That(Wire(new AutopilotRunStartPayload(A, B, "manual", "running")),
        Is.EqualTo($$"""{"run_id":"{{A}}","autopilot_id":"{{B}}","source":"manual","status":"running"}"""));

    [Test]
    public void ChatMessage() => Assert.That(Wire(new ChatMessagePayload(A, B, "user", "hi", C, At)),
        Is.EqualTo($$"""{"chat_session_id":"{{A}}","message_id":"{{B}}","role":"user","content":"hi","task_id":"{{C}}","created_at":"2026-01-02T03:04:05Z"}"""));

    [Test]
    public void Inbox()
    {
        Assert.That(Wire(new InboxReadPayload(A, B)), Is.EqualTo($$"""{"item_id":"{{A}}","recipient_id":"{{B}}"}"""));
        Assert.That(Wire(new InboxArchivedPayload(A, null, B)), Is.EqualTo($$"""{"item_id":"{{A}}","issue_id":null,"recipient_id":"{{B}}"}"""));
        Assert.That(Wire(new InboxArchivedPayload(A, C, B)), Is.EqualTo($$"""{"item_id":"{{A}}","issue_id":"{{C}}","recipient_id":"{{B}}"}"""));
        Assert.That(Wire(new InboxBatchPayload(B, 3)), Is.EqualTo($$"""{"recipient_id":"{{B}}","count":3}"""));
    }

    [Test]
    public void IssueUpdated_NamesWhatChangedAndTheValuesBefore()
    {
        var issue = IssueDto.From(new Issue { Id = A, WorkspaceId = B, Number = 7, Title = "t", CreatedAt = At, UpdatedAt = At }, "MUL");
        var payload = new IssueUpdatedPayload(issue, true, false, true, false, true, false,
            PrevTitle: "old", PrevAssigneeType: "agent", PrevAssigneeId: C, PrevStatus: "todo", PrevPriority: "none",
            PrevDueDate: At, PrevDescription: null, CreatorType: "member", CreatorId: A);
        Assert.That(Wire(payload), Is.EqualTo(
            $$"""{"issue":{{Wire(issue)}},"assignee_changed":true,"status_changed":false,"priority_changed":true,"due_date_changed":false,"description_changed":true,"title_changed":false,"prev_title":"old","prev_assignee_type":"agent","prev_assignee_id":"{{C}}","prev_status":"todo","prev_priority":"none","prev_due_date":"2026-01-02T03:04:05Z","prev_description":null,"creator_type":"member","creator_id":"{{A}}"}"""));
    }

    [Test]
    public void MembersAndInvitations()
    {
        var member = new MemberDto(A, B, C, "admin", At, "n", "e@x", null);
        var memberJson = $$"""{"id":"{{A}}","workspace_id":"{{B}}","user_id":"{{C}}","role":"admin","created_at":"2026-01-02T03:04:05Z","name":"n","email":"e@x","avatar_url":null}""";
        Assert.That(Wire(new MemberAddedPayload(member, "ws")), Is.EqualTo($$"""{"member":{{memberJson}},"workspace_name":"ws"}"""));
        Assert.That(Wire(new MemberUpdatedPayload(member)), Is.EqualTo($$"""{"member":{{memberJson}}}"""));
        Assert.That(Wire(new MemberRemovedPayload(A, B, C)), Is.EqualTo($$"""{"member_id":"{{A}}","workspace_id":"{{B}}","user_id":"{{C}}"}"""));
        Assert.That(Wire(new InvitationAcceptedPayload(A, member)), Is.EqualTo($$"""{"invitation_id":"{{A}}","member":{{memberJson}}}"""));
        Assert.That(Wire(new InvitationRevokedPayload(A, "e@x", B)), Is.EqualTo($$"""{"invitation_id":"{{A}}","invitee_email":"e@x","invitee_user_id":"{{B}}"}"""));
        Assert.That(Wire(new InvitationDeclinedPayload(A, "e@x")), Is.EqualTo($$"""{"invitation_id":"{{A}}","invitee_email":"e@x"}"""));

        var invitation = InvitationDto.From(new WorkspaceInvitation { Id = A, WorkspaceId = B, InviteeEmail = "e@x", InviteeUserId = C, CreatedAt = At, UpdatedAt = At, ExpiresAt = At });
        Assert.That(Wire(new InvitationCreatedPayload(invitation, "ws")), Is.EqualTo($$"""{"invitation":{{Wire(invitation)}},"workspace_name":"ws"}"""));
    }

    [Test]
    public void Pins()
    {
        Assert.That(Wire(new PinDeletedPayload("issue", "x")), Is.EqualTo("""{"item_type":"issue","item_id":"x"}"""));
        Assert.That(Wire(new PinsReorderedPayload([new PinPosition("p", 2.5)])), Is.EqualTo("""{"items":[{"id":"p","position":2.5}]}"""));
    }

    [Test]
    public void Subscribers()
    {
        Assert.That(Wire(new SubscriberAddedPayload(A, "member", B, "manual")),
            Is.EqualTo($$"""{"issue_id":"{{A}}","user_type":"member","user_id":"{{B}}","reason":"manual"}"""));
        Assert.That(Wire(new SubscriberRemovedPayload(A, "member", B)),
            Is.EqualTo($$"""{"issue_id":"{{A}}","user_type":"member","user_id":"{{B}}"}"""));
    }

    [Test]
    public void TaskCancelledByAcknowledgement_AndWaitingLocalDirectory()
    {
        var task = new AgentTask { Id = A, AgentId = B, IssueId = C, Status = "running", WaitReason = "w" };
        Assert.That(Wire(TaskStatusPayload.Of(task, "cancelled")),
            Is.EqualTo($$"""{"task_id":"{{A}}","agent_id":"{{B}}","issue_id":"{{C}}","status":"cancelled"}"""));
        Assert.That(Wire(new TaskWaitingLocalDirectoryPayload(A.ToString(), B.ToString(), "", "waiting_local_directory", "w", null)),
            Is.EqualTo($$"""{"task_id":"{{A}}","agent_id":"{{B}}","issue_id":"","status":"waiting_local_directory","wait_reason":"w"}"""));
        Assert.That(Wire(new TaskWaitingLocalDirectoryPayload(A.ToString(), B.ToString(), "", "waiting_local_directory", "", C.ToString())),
            Does.EndWith($$""","wait_reason":"","chat_session_id":"{{C}}"}"""));
    }

    [Test]
    public void DaemonSocketHints()
    {
        Assert.That(Wire(TaskAvailableFrame.Of(A, null)), Is.EqualTo($$"""{"runtime_id":"{{A}}"}"""));
        Assert.That(Wire(TaskAvailableFrame.Of(A, B)), Is.EqualTo($$"""{"runtime_id":"{{A}}","task_id":"{{B}}"}"""));
        Assert.That(Wire(PendingWorkFrame.Of(A, "model_list")), Is.EqualTo($$"""{"runtime_id":"{{A}}","kind":"model_list"}"""));
        Assert.That(Wire(WorkspacesChangedFrame.Instance), Is.EqualTo("{}"));
        Assert.That(Wire(RuntimeProfilesChangedFrame.Of(A, null)), Is.EqualTo($$"""{"workspace_id":"{{A}}"}"""));
        Assert.That(Wire(RuntimeProfilesChangedFrame.Of(A, B)), Is.EqualTo($$"""{"workspace_id":"{{A}}","runtime_profile_id":"{{B}}"}"""));
    }

    [Test]
    public void HeartbeatAcks()
    {
        var pending = new Dictionary<string, object> { ["status"] = "ok", ["pending_model_list"] = new { id = "m" } };
        Assert.That(Wire(HeartbeatAckFrame.Ok("r", ["rpc-v1"], pending)),
            Is.EqualTo("""{"runtime_id":"r","status":"ok","server_capabilities":["rpc-v1"],"pending_model_list":{"id":"m"}}"""));
        Assert.That(Wire(HeartbeatAckFrame.Ok("r", ["rpc-v1"], new Dictionary<string, object> { ["status"] = "ok" })),
            Is.EqualTo("""{"runtime_id":"r","status":"ok","server_capabilities":["rpc-v1"]}"""));
        Assert.That(Wire(HeartbeatRuntimeGoneFrame.Of("r")), Is.EqualTo("""{"runtime_id":"r","status":"runtime_gone","runtime_gone":true}"""));
    }

    [Test]
    public void WebSocketFrames()
    {
        Assert.That(RealtimeHub.Frame(new RealtimeEvent("skill:deleted", new SkillDeletedPayload(A), B)),
            Is.EqualTo($$"""{"type":"skill:deleted","payload":{"skill_id":"{{A}}"},"actor_id":""}"""));
        Assert.That(RealtimeHub.Frame(new RealtimeEvent("skill:deleted", new SkillDeletedPayload(A), B, "member", C)),
            Is.EqualTo($$"""{"type":"skill:deleted","payload":{"skill_id":"{{A}}"},"actor_id":"{{C}}"}"""));
        Assert.That(JsonSerializer.Serialize(new SubscriptionReplyFrame("subscribe_ack", new SubscriptionReplyPayload("task", "t", null))),
            Is.EqualTo("""{"type":"subscribe_ack","payload":{"scope":"task","id":"t"}}"""));
        Assert.That(JsonSerializer.Serialize(new SubscriptionReplyFrame("subscribe_error", new SubscriptionReplyPayload("", "", "forbidden"))),
            Is.EqualTo("""{"type":"subscribe_error","payload":{"scope":"","id":"","error":"forbidden"}}"""));
        Assert.That(Wire(new ErrorBody("not a member of this workspace")), Is.EqualTo("""{"error":"not a member of this workspace"}"""));
    }
}
