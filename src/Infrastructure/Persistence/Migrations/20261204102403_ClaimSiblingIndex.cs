using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Multica.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClaimSiblingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_agent_inflight",
                table: "agent_task_queue",
                columns: new[] { "agent_id", "issue_id" },
                filter: "status IN ('dispatched', 'waiting_local_directory', 'running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_agent_task_queue_agent_inflight",
                table: "agent_task_queue");
        }
    }
}
