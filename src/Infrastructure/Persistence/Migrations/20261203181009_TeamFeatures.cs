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
                name: "workspace_invitation");
        }
    }
}
