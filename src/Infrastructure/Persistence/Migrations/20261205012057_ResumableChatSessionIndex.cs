using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Multica.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ResumableChatSessionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_resumable_chat",
                table: "agent_task_queue",
                columns: new[] { "chat_session_id", "completed_at" },
                descending: new[] { false, true },
                filter: "chat_session_id IS NOT NULL AND session_id IS NOT NULL AND status IN ('completed', 'failed')")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsLast });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_resumable_chat",
                table: "agent_task_queue");
        }
    }
}
