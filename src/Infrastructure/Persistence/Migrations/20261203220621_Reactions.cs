using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Multica.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "comment_reaction",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_type = table.Column<string>(type: "text", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    emoji = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comment_reaction", x => x.id);
                    table.CheckConstraint("ck_comment_reaction_actor_type", "actor_type IN ('member', 'agent')");
                    table.ForeignKey(
                        name: "FK_comment_reaction_comment_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_comment_reaction_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "issue_reaction",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_type = table.Column<string>(type: "text", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    emoji = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issue_reaction", x => x.id);
                    table.CheckConstraint("ck_issue_reaction_actor_type", "actor_type IN ('member', 'agent')");
                    table.ForeignKey(
                        name: "FK_issue_reaction_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_issue_reaction_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_comment_reaction_comment_id_actor_type_actor_id_emoji",
                table: "comment_reaction",
                columns: new[] { "comment_id", "actor_type", "actor_id", "emoji" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_comment_reaction_workspace_id",
                table: "comment_reaction",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_issue_reaction_issue_id_actor_type_actor_id_emoji",
                table: "issue_reaction",
                columns: new[] { "issue_id", "actor_type", "actor_id", "emoji" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issue_reaction_workspace_id",
                table: "issue_reaction",
                column: "workspace_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_reaction");

            migrationBuilder.DropTable(
                name: "issue_reaction");
        }
    }
}
