using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Multica.Infrastructure.Persistence.Team;

#nullable disable

namespace Multica.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TeamFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexes.Up);

            migrationBuilder.AddColumn<string>(
                name: "description",
                table: "project",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "icon",
                table: "project",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "lead_id",
                table: "project",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lead_type",
                table: "project",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "project",
                type: "text",
                nullable: false,
                defaultValue: "none");

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "project",
                type: "text",
                nullable: false,
                defaultValue: "planned");

            migrationBuilder.CreateTable(
                name: "pinned_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_type = table.Column<string>(type: "text", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<double>(type: "double precision", nullable: false, defaultValue: 0.0),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pinned_item", x => x.id);
                    table.CheckConstraint("ck_pinned_item_item_type", "item_type IN ('issue', 'project')");
                    table.ForeignKey(
                        name: "FK_pinned_item_user_user_id",
                        column: x => x.user_id,
                        principalTable: "user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_pinned_item_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workspace_invitation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    inviter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invitee_email = table.Column<string>(type: "text", nullable: false),
                    invitee_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    role = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "pending"),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    expires_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now() + interval '7 days'")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspace_invitation", x => x.id);
                    table.CheckConstraint("ck_workspace_invitation_role", "role IN ('admin', 'member')");
                    table.CheckConstraint("ck_workspace_invitation_status", "status IN ('pending', 'accepted', 'declined', 'expired')");
                    table.ForeignKey(
                        name: "FK_workspace_invitation_user_invitee_user_id",
                        column: x => x.invitee_user_id,
                        principalTable: "user",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_workspace_invitation_user_inviter_id",
                        column: x => x.inviter_id,
                        principalTable: "user",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_workspace_invitation_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_project_lead_type",
                table: "project",
                sql: "lead_type IS NULL OR lead_type IN ('member', 'agent')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_project_priority",
                table: "project",
                sql: "priority IN ('urgent', 'high', 'medium', 'low', 'none')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_project_status",
                table: "project",
                sql: "status IN ('planned', 'in_progress', 'paused', 'completed', 'cancelled')");

            migrationBuilder.CreateIndex(
                name: "IX_pinned_item_user_id",
                table: "pinned_item",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_pinned_item_workspace_id_user_id_item_type_item_id",
                table: "pinned_item",
                columns: new[] { "workspace_id", "user_id", "item_type", "item_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pinned_item_workspace_id_user_id_position",
                table: "pinned_item",
                columns: new[] { "workspace_id", "user_id", "position" });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_invitation_invitee_email",
                table: "workspace_invitation",
                column: "invitee_email",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_workspace_invitation_invitee_user_id",
                table: "workspace_invitation",
                column: "invitee_user_id",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_workspace_invitation_inviter_id",
                table: "workspace_invitation",
                column: "inviter_id");

            migrationBuilder.CreateIndex(
                name: "IX_workspace_invitation_workspace_id_invitee_email",
                table: "workspace_invitation",
                columns: new[] { "workspace_id", "invitee_email" },
                unique: true,
                filter: "status = 'pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexes.Down);

            migrationBuilder.DropTable(
                name: "pinned_item");

            migrationBuilder.DropTable(
                name: "workspace_invitation");

            migrationBuilder.DropCheckConstraint(
                name: "ck_project_lead_type",
                table: "project");

            migrationBuilder.DropCheckConstraint(
                name: "ck_project_priority",
                table: "project");

            migrationBuilder.DropCheckConstraint(
                name: "ck_project_status",
                table: "project");

            migrationBuilder.DropColumn(
                name: "description",
                table: "project");

            migrationBuilder.DropColumn(
                name: "icon",
                table: "project");

            migrationBuilder.DropColumn(
                name: "lead_id",
                table: "project");

            migrationBuilder.DropColumn(
                name: "lead_type",
                table: "project");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "project");

            migrationBuilder.DropColumn(
                name: "status",
                table: "project");
        }
    }
}
