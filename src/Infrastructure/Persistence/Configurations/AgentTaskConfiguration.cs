using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;
using Multica.Infrastructure.Persistence.Tasks;

namespace Multica.Infrastructure.Persistence.Configurations;

internal sealed class AgentTaskConfiguration : IEntityTypeConfiguration<AgentTask>
{
    private static readonly string Pending = $"status IN ({StatusSql.List(TaskStateMachine.Pending)})";
    private static readonly string ResumableRun = $"session_id IS NOT NULL AND status IN ({StatusSql.List(TaskStateMachine.Resumable)})";

    public void Configure(EntityTypeBuilder<AgentTask> b)
    {
        b.ToTable("agent_task_queue");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).GeneratedUuid();
        b.Property(x => x.Status).HasDefaultValue(AgentTaskStatus.Queued);
        b.Property(x => x.Priority).HasDefaultValue(0);
        b.Property(x => x.Result).Jsonb();
        b.Property(x => x.Context).Jsonb();
        b.Property(x => x.CreatedAt).DefaultNow();
        b.Property(x => x.Attempt).HasDefaultValue(1);
        b.Property(x => x.MaxAttempts).HasDefaultValue(2);
        b.InCheck("agent_task_queue", "status", AgentTaskStatus.All);

        b.HasOne<Agent>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Issue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AgentRuntime>().WithMany().HasForeignKey(x => x.RuntimeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Comment>().WithMany().HasForeignKey(x => x.TriggerCommentId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ChatSession>().WithMany().HasForeignKey(x => x.ChatSessionId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AutopilotRun>().WithMany().HasForeignKey(x => x.AutopilotRunId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AgentTask>().WithMany().HasForeignKey(x => x.ParentTaskId).OnDelete(DeleteBehavior.SetNull);

        b.HasIndex(x => new { x.AgentId, x.Status }).HasDatabaseName("idx_agent_task_queue_agent");
        b.HasIndex(x => new { x.AgentId, x.Priority, x.CreatedAt })
            .IsDescending(false, true, false)
            .HasFilter(Pending).HasDatabaseName("idx_agent_task_queue_pending");
        // The claim walks this index for one runtime: its cost does not depend on the depth of other queues.
        b.HasIndex(x => new { x.RuntimeId, x.Priority, x.CreatedAt })
            .IsDescending(false, true, false)
            .HasFilter(Pending).HasDatabaseName("idx_agent_task_queue_runtime_pending");
        b.HasIndex(x => new { x.IssueId, x.AgentId }).IsUnique()
            .HasFilter(Pending).HasDatabaseName("idx_one_pending_task_per_issue_agent");
        b.HasIndex(x => x.IssueId).HasDatabaseName("idx_agent_task_queue_issue_id");
        // In-flight rows only, so its size does not grow with history: the claim's sibling check (is this agent
        // already running a task of this issue?) probes it once per candidate row, and the capacity counts
        // (in-flight tasks of an agent) can read it.
        b.HasIndex(x => new { x.AgentId, x.IssueId })
            .HasFilter($"status IN ({StatusSql.List(TaskStateMachine.InFlight)})")
            .HasDatabaseName("idx_agent_task_queue_agent_inflight");
        b.HasIndex(x => new { x.ChatSessionId, x.CreatedAt })
            .IsDescending(false, true)
            .HasFilter($"chat_session_id IS NOT NULL AND status IN ({StatusSql.List(TaskStateMachine.ChatActive)})")
            .HasDatabaseName("idx_agent_task_queue_chat_pending");
        // The optional references are indexed only where set (their lookups and ON DELETE SET NULL compare with
        // "=", which implies NOT NULL): most tasks have none, and every status change of a task is an update that
        // writes a new entry into each index covering it (docs/benchmarks.md, sixth stop).
        b.HasIndex(x => x.ParentTaskId).HasFilter("parent_task_id IS NOT NULL").HasDatabaseName("idx_agent_task_queue_parent");
        b.HasIndex(x => x.AutopilotRunId).HasFilter("autopilot_run_id IS NOT NULL").HasDatabaseName("idx_agent_task_queue_autopilot_run");
        b.HasIndex(x => x.TriggerCommentId).HasFilter("trigger_comment_id IS NOT NULL").HasDatabaseName("idx_agent_task_queue_trigger_comment");
        // The session a chat's next claim resumes: the chat's last finished run that kept one. Only such rows are
        // indexed; without it the claim's lookup had no index on the chat for finished runs and read the whole
        // queue (docs/benchmarks.md, eighth stop). An issue's runs are found through idx_agent_task_queue_issue_id.
        b.HasIndex(x => new { x.ChatSessionId, x.CompletedAt }, "idx_agent_task_queue_resumable_chat")
            .IsDescending(false, true).HasNullSortOrder(NullSortOrder.NullsLast, NullSortOrder.NullsLast)
            .HasFilter($"chat_session_id IS NOT NULL AND {ResumableRun}");
        // Active tasks per runtime (capacity and orphan recovery).
        b.HasIndex(x => new { x.RuntimeId, x.Status })
            .HasFilter($"status IN ({StatusSql.List(TaskStateMachine.InFlight)})")
            .HasDatabaseName("idx_agent_task_queue_runtime_active");
    }
}
