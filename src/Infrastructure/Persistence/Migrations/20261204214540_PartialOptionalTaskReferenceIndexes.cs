using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Multica.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartialOptionalTaskReferenceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_autopilot_run",
                table: "agent_task_queue");

            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_parent",
                table: "agent_task_queue");

            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_trigger_comment",
                table: "agent_task_queue");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_autopilot_run",
                table: "agent_task_queue",
                column: "autopilot_run_id",
                filter: "autopilot_run_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_parent",
                table: "agent_task_queue",
                column: "parent_task_id",
                filter: "parent_task_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_trigger_comment",
                table: "agent_task_queue",
                column: "trigger_comment_id",
                filter: "trigger_comment_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_autopilot_run",
                table: "agent_task_queue");

            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_parent",
                table: "agent_task_queue");

            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_trigger_comment",
                table: "agent_task_queue");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_autopilot_run",
                table: "agent_task_queue",
                column: "autopilot_run_id");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_parent",
                table: "agent_task_queue",
                column: "parent_task_id");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_trigger_comment",
                table: "agent_task_queue",
                column: "trigger_comment_id");
        }
    }
}
