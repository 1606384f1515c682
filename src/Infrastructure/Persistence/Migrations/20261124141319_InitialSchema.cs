using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Multica.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    avatar_url = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    onboarded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    onboarding_questionnaire = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    cloud_waitlist_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    cloud_waitlist_reason = table.Column<string>(type: "text", nullable: true),
                    starter_content_state = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "verification_code",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    email = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_code", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workspace",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    name = table.Column<string>(type: "text", nullable: false),
                    slug = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    settings = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    context = table.Column<string>(type: "text", nullable: true),
                    repos = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    issue_prefix = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    issue_counter = table.Column<int>(type: "integer", nullable: false, defaultValue: 0)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspace", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "personal_access_token",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    token_hash = table.Column<string>(type: "text", nullable: false),
                    token_prefix = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_access_token", x => x.id);
                    table.ForeignKey(
                        name: "FK_personal_access_token_user_user_id",
                        column: x => x.user_id,
                        principalTable: "user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agent_runtime",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    daemon_id = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    runtime_mode = table.Column<string>(type: "text", nullable: false),
                    provider = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "offline"),
                    device_info = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    metadata = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    last_seen_at = table.Column<DateTime>(type: "timestamptz", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    legacy_daemon_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_runtime", x => x.id);
                    table.CheckConstraint("ck_agent_runtime_runtime_mode", "runtime_mode IN ('local', 'cloud')");
                    table.CheckConstraint("ck_agent_runtime_status", "status IN ('online', 'offline')");
                    table.ForeignKey(
                        name: "FK_agent_runtime_user_owner_id",
                        column: x => x.owner_id,
                        principalTable: "user",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_agent_runtime_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "daemon_token",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    token_hash = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    daemon_id = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    token_prefix = table.Column<string>(type: "text", nullable: false, defaultValue: "")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daemon_token", x => x.id);
                    table.ForeignKey(
                        name: "FK_daemon_token_user_created_by",
                        column: x => x.created_by,
                        principalTable: "user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_daemon_token_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member", x => x.id);
                    table.CheckConstraint("ck_member_role", "role IN ('owner', 'admin', 'member')");
                    table.ForeignKey(
                        name: "FK_member_user_user_id",
                        column: x => x.user_id,
                        principalTable: "user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_member_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project", x => x.id);
                    table.ForeignKey(
                        name: "FK_project_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "skill",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    content = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    config = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skill", x => x.id);
                    table.ForeignKey(
                        name: "FK_skill_user_created_by",
                        column: x => x.created_by,
                        principalTable: "user",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_skill_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agent",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    avatar_url = table.Column<string>(type: "text", nullable: true),
                    runtime_mode = table.Column<string>(type: "text", nullable: false),
                    runtime_config = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    visibility = table.Column<string>(type: "text", nullable: false, defaultValue: "private"),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "offline"),
                    max_concurrent_tasks = table.Column<int>(type: "integer", nullable: false, defaultValue: 6),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    description = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    runtime_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instructions = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    archived_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    archived_by = table.Column<Guid>(type: "uuid", nullable: true),
                    custom_env = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    custom_args = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    mcp_config = table.Column<string>(type: "jsonb", nullable: true),
                    model = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent", x => x.id);
                    table.CheckConstraint("ck_agent_runtime_mode", "runtime_mode IN ('local', 'cloud')");
                    table.CheckConstraint("ck_agent_status", "status IN ('idle', 'working', 'blocked', 'error', 'offline')");
                    table.CheckConstraint("ck_agent_visibility", "visibility IN ('workspace', 'private')");
                    table.ForeignKey(
                        name: "FK_agent_agent_runtime_runtime_id",
                        column: x => x.runtime_id,
                        principalTable: "agent_runtime",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_agent_user_archived_by",
                        column: x => x.archived_by,
                        principalTable: "user",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_agent_user_owner_id",
                        column: x => x.owner_id,
                        principalTable: "user",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_agent_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "issue",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "backlog"),
                    priority = table.Column<string>(type: "text", nullable: false, defaultValue: "none"),
                    assignee_type = table.Column<string>(type: "text", nullable: true),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    creator_type = table.Column<string>(type: "text", nullable: false),
                    creator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    parent_issue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    acceptance_criteria = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    context_refs = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    position = table.Column<double>(type: "double precision", nullable: false, defaultValue: 0.0),
                    due_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    number = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    origin_type = table.Column<string>(type: "text", nullable: true),
                    origin_id = table.Column<Guid>(type: "uuid", nullable: true),
                    first_executed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issue", x => x.id);
                    table.CheckConstraint("ck_issue_assignee_type", "assignee_type IS NULL OR assignee_type IN ('member', 'agent')");
                    table.CheckConstraint("ck_issue_creator_type", "creator_type IN ('member', 'agent')");
                    table.CheckConstraint("ck_issue_origin_type", "origin_type IS NULL OR origin_type IN ('autopilot')");
                    table.CheckConstraint("ck_issue_priority", "priority IN ('urgent', 'high', 'medium', 'low', 'none')");
                    table.CheckConstraint("ck_issue_status", "status IN ('backlog', 'todo', 'in_progress', 'in_review', 'done', 'blocked', 'cancelled')");
                    table.ForeignKey(
                        name: "FK_issue_issue_parent_issue_id",
                        column: x => x.parent_issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_issue_project_project_id",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_issue_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "skill_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    skill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    path = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skill_file", x => x.id);
                    table.ForeignKey(
                        name: "FK_skill_file_skill_skill_id",
                        column: x => x.skill_id,
                        principalTable: "skill",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agent_skill",
                columns: table => new
                {
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    skill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_skill", x => new { x.agent_id, x.skill_id });
                    table.ForeignKey(
                        name: "FK_agent_skill_agent_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agent",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agent_skill_skill_skill_id",
                        column: x => x.skill_id,
                        principalTable: "skill",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "autopilot",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "active"),
                    execution_mode = table.Column<string>(type: "text", nullable: false, defaultValue: "create_issue"),
                    issue_title_template = table.Column<string>(type: "text", nullable: true),
                    created_by_type = table.Column<string>(type: "text", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_run_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_autopilot", x => x.id);
                    table.CheckConstraint("ck_autopilot_created_by_type", "created_by_type IN ('member', 'agent')");
                    table.CheckConstraint("ck_autopilot_execution_mode", "execution_mode IN ('create_issue', 'run_only')");
                    table.CheckConstraint("ck_autopilot_status", "status IN ('active', 'paused', 'archived')");
                    table.ForeignKey(
                        name: "FK_autopilot_agent_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "agent",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_autopilot_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "chat_session",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    creator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    session_id = table.Column<string>(type: "text", nullable: true),
                    work_dir = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "active"),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    unread_since = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chat_session", x => x.id);
                    table.CheckConstraint("ck_chat_session_status", "status IN ('active', 'archived')");
                    table.ForeignKey(
                        name: "FK_chat_session_agent_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agent",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_chat_session_user_creator_id",
                        column: x => x.creator_id,
                        principalTable: "user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_chat_session_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activity_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_type = table.Column<string>(type: "text", nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "text", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity_log", x => x.id);
                    table.CheckConstraint("ck_activity_log_actor_type", "actor_type IS NULL OR actor_type IN ('member', 'agent', 'system')");
                    table.ForeignKey(
                        name: "FK_activity_log_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_activity_log_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_type = table.Column<string>(type: "text", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false, defaultValue: "comment"),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comment", x => x.id);
                    table.CheckConstraint("ck_comment_author_type", "author_type IN ('member', 'agent')");
                    table.CheckConstraint("ck_comment_type", "type IN ('comment', 'status_change', 'progress_update', 'system')");
                    table.ForeignKey(
                        name: "FK_comment_comment_parent_id",
                        column: x => x.parent_id,
                        principalTable: "comment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_comment_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_comment_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inbox_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_type = table.Column<string>(type: "text", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false, defaultValue: "info"),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: true),
                    read = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    actor_type = table.Column<string>(type: "text", nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: true, defaultValueSql: "'{}'::jsonb")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_item", x => x.id);
                    table.CheckConstraint("ck_inbox_item_recipient_type", "recipient_type IN ('member', 'agent')");
                    table.CheckConstraint("ck_inbox_item_severity", "severity IN ('action_required', 'attention', 'info')");
                    table.ForeignKey(
                        name: "FK_inbox_item_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inbox_item_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "issue_subscriber",
                columns: table => new
                {
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_type = table.Column<string>(type: "text", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issue_subscriber", x => new { x.issue_id, x.user_type, x.user_id });
                    table.CheckConstraint("ck_issue_subscriber_reason", "reason IN ('creator', 'assignee', 'commenter', 'mentioned', 'manual')");
                    table.CheckConstraint("ck_issue_subscriber_user_type", "user_type IN ('member', 'agent')");
                    table.ForeignKey(
                        name: "FK_issue_subscriber_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "autopilot_trigger",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    autopilot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    cron_expression = table.Column<string>(type: "text", nullable: true),
                    timezone = table.Column<string>(type: "text", nullable: true, defaultValue: "UTC"),
                    next_run_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    webhook_token = table.Column<string>(type: "text", nullable: true),
                    label = table.Column<string>(type: "text", nullable: true),
                    last_fired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_autopilot_trigger", x => x.id);
                    table.CheckConstraint("ck_autopilot_trigger_kind", "kind IN ('schedule', 'webhook', 'api')");
                    table.ForeignKey(
                        name: "FK_autopilot_trigger_autopilot_autopilot_id",
                        column: x => x.autopilot_id,
                        principalTable: "autopilot",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agent_task_queue",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "queued"),
                    priority = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    dispatched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    result = table.Column<string>(type: "jsonb", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    context = table.Column<string>(type: "jsonb", nullable: true),
                    runtime_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<string>(type: "text", nullable: true),
                    work_dir = table.Column<string>(type: "text", nullable: true),
                    trigger_comment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    chat_session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    autopilot_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attempt = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    max_attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 2),
                    parent_task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    failure_reason = table.Column<string>(type: "text", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    prepare_lease_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    wait_reason = table.Column<string>(type: "text", nullable: true),
                    durable_work_dir = table.Column<string>(type: "text", nullable: true),
                    branch_name = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_task_queue", x => x.id);
                    table.CheckConstraint("ck_agent_task_queue_status", "status IN ('queued', 'dispatched', 'waiting_local_directory', 'running', 'completed', 'failed', 'cancelled')");
                    table.ForeignKey(
                        name: "FK_agent_task_queue_agent_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agent",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agent_task_queue_agent_runtime_runtime_id",
                        column: x => x.runtime_id,
                        principalTable: "agent_runtime",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agent_task_queue_agent_task_queue_parent_task_id",
                        column: x => x.parent_task_id,
                        principalTable: "agent_task_queue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_agent_task_queue_chat_session_chat_session_id",
                        column: x => x.chat_session_id,
                        principalTable: "chat_session",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_agent_task_queue_comment_trigger_comment_id",
                        column: x => x.trigger_comment_id,
                        principalTable: "comment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_agent_task_queue_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "autopilot_run",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    autopilot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    triggered_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()"),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failure_reason = table.Column<string>(type: "text", nullable: true),
                    trigger_payload = table.Column<string>(type: "jsonb", nullable: true),
                    result = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_autopilot_run", x => x.id);
                    table.CheckConstraint("ck_autopilot_run_source", "source IN ('schedule', 'manual', 'webhook', 'api')");
                    table.CheckConstraint("ck_autopilot_run_status", "status IN ('issue_created', 'running', 'completed', 'failed')");
                    table.ForeignKey(
                        name: "FK_autopilot_run_agent_task_queue_task_id",
                        column: x => x.task_id,
                        principalTable: "agent_task_queue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_autopilot_run_autopilot_autopilot_id",
                        column: x => x.autopilot_id,
                        principalTable: "autopilot",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_autopilot_run_autopilot_trigger_trigger_id",
                        column: x => x.trigger_id,
                        principalTable: "autopilot_trigger",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_autopilot_run_issue_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "chat_message",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    chat_session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chat_message", x => x.id);
                    table.CheckConstraint("ck_chat_message_role", "role IN ('user', 'assistant')");
                    table.ForeignKey(
                        name: "FK_chat_message_agent_task_queue_task_id",
                        column: x => x.task_id,
                        principalTable: "agent_task_queue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_chat_message_chat_session_chat_session_id",
                        column: x => x.chat_session_id,
                        principalTable: "chat_session",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_message",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    tool = table.Column<string>(type: "text", nullable: true),
                    content = table.Column<string>(type: "text", nullable: true),
                    input = table.Column<string>(type: "jsonb", nullable: true),
                    output = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_message", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_message_agent_task_queue_task_id",
                        column: x => x.task_id,
                        principalTable: "agent_task_queue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_token",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    token_hash = table.Column<string>(type: "text", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_token", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_token_agent_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agent",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_task_token_agent_task_queue_task_id",
                        column: x => x.task_id,
                        principalTable: "agent_task_queue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_task_token_user_user_id",
                        column: x => x.user_id,
                        principalTable: "user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_task_token_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_usage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    model = table.Column<string>(type: "text", nullable: false),
                    input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    output_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cache_read_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cache_write_tokens = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamptz", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_usage", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_usage_agent_task_queue_task_id",
                        column: x => x.task_id,
                        principalTable: "agent_task_queue",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_activity_log_issue_id",
                table: "activity_log",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "IX_activity_log_workspace_id",
                table: "activity_log",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "agent_workspace_name_unique",
                table: "agent",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agent_archived_by",
                table: "agent",
                column: "archived_by");

            migrationBuilder.CreateIndex(
                name: "IX_agent_owner_id",
                table: "agent",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_agent_runtime_id",
                table: "agent",
                column: "runtime_id");

            migrationBuilder.CreateIndex(
                name: "IX_agent_workspace_id",
                table: "agent",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_agent_runtime_owner_id",
                table: "agent_runtime",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_agent_runtime_workspace_id",
                table: "agent_runtime",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_agent_runtime_workspace_id_daemon_id_provider",
                table: "agent_runtime",
                columns: new[] { "workspace_id", "daemon_id", "provider" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agent_runtime_workspace_id_status",
                table: "agent_runtime",
                columns: new[] { "workspace_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_agent_skill_agent_id",
                table: "agent_skill",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "IX_agent_skill_skill_id",
                table: "agent_skill",
                column: "skill_id");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_agent",
                table: "agent_task_queue",
                columns: new[] { "agent_id", "status" });

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_autopilot_run",
                table: "agent_task_queue",
                column: "autopilot_run_id");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_chat_pending",
                table: "agent_task_queue",
                columns: new[] { "chat_session_id", "created_at" },
                descending: new[] { false, true },
                filter: "chat_session_id IS NOT NULL AND status IN ('queued', 'dispatched', 'running')");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_issue_id",
                table: "agent_task_queue",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_parent",
                table: "agent_task_queue",
                column: "parent_task_id");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_pending",
                table: "agent_task_queue",
                columns: new[] { "agent_id", "priority", "created_at" },
                descending: new[] { false, true, false },
                filter: "status IN ('queued', 'dispatched')");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_runtime_active",
                table: "agent_task_queue",
                columns: new[] { "runtime_id", "status" },
                filter: "status IN ('dispatched', 'waiting_local_directory', 'running')");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_runtime_pending",
                table: "agent_task_queue",
                columns: new[] { "runtime_id", "priority", "created_at" },
                descending: new[] { false, true, false },
                filter: "status IN ('queued', 'dispatched')");

            migrationBuilder.CreateIndex(
                name: "idx_agent_task_queue_trigger_comment",
                table: "agent_task_queue",
                column: "trigger_comment_id");

            migrationBuilder.CreateIndex(
                name: "idx_one_pending_task_per_issue_agent",
                table: "agent_task_queue",
                columns: new[] { "issue_id", "agent_id" },
                unique: true,
                filter: "status IN ('queued', 'dispatched')");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_assignee_id",
                table: "autopilot",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_workspace_id",
                table: "autopilot",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_run_autopilot_id_created_at",
                table: "autopilot_run",
                columns: new[] { "autopilot_id", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_run_autopilot_id_status",
                table: "autopilot_run",
                columns: new[] { "autopilot_id", "status" },
                filter: "status IN ('issue_created', 'running')");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_run_issue_id",
                table: "autopilot_run",
                column: "issue_id",
                filter: "issue_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_run_task_id",
                table: "autopilot_run",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_run_trigger_id",
                table: "autopilot_run",
                column: "trigger_id");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_trigger_autopilot_id",
                table: "autopilot_trigger",
                column: "autopilot_id");

            migrationBuilder.CreateIndex(
                name: "IX_autopilot_trigger_next_run_at",
                table: "autopilot_trigger",
                column: "next_run_at",
                filter: "enabled AND kind = 'schedule'");

            migrationBuilder.CreateIndex(
                name: "IX_chat_message_chat_session_id_created_at",
                table: "chat_message",
                columns: new[] { "chat_session_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_chat_message_task_id",
                table: "chat_message",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "IX_chat_session_agent_id",
                table: "chat_session",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "IX_chat_session_creator_id_workspace_id",
                table: "chat_session",
                columns: new[] { "creator_id", "workspace_id" });

            migrationBuilder.CreateIndex(
                name: "IX_chat_session_workspace_id",
                table: "chat_session",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_comment_issue_id",
                table: "comment",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "IX_comment_parent_id",
                table: "comment",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "IX_comment_workspace_id",
                table: "comment",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_daemon_token_created_by",
                table: "daemon_token",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_daemon_token_token_hash",
                table: "daemon_token",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_daemon_token_workspace_id_daemon_id",
                table: "daemon_token",
                columns: new[] { "workspace_id", "daemon_id" });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_item_issue_id",
                table: "inbox_item",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_item_recipient_type_recipient_id",
                table: "inbox_item",
                columns: new[] { "recipient_type", "recipient_id" });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_item_workspace_id",
                table: "inbox_item",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_issue_assignee_type_assignee_id",
                table: "issue",
                columns: new[] { "assignee_type", "assignee_id" });

            migrationBuilder.CreateIndex(
                name: "IX_issue_origin_type_origin_id",
                table: "issue",
                columns: new[] { "origin_type", "origin_id" },
                filter: "origin_type IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_issue_parent_issue_id",
                table: "issue",
                column: "parent_issue_id");

            migrationBuilder.CreateIndex(
                name: "IX_issue_project_id",
                table: "issue",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_issue_workspace_id",
                table: "issue",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_issue_workspace_id_first_executed_at",
                table: "issue",
                columns: new[] { "workspace_id", "first_executed_at" },
                filter: "first_executed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_issue_workspace_id_status",
                table: "issue",
                columns: new[] { "workspace_id", "status" });

            migrationBuilder.CreateIndex(
                name: "uq_issue_workspace_number",
                table: "issue",
                columns: new[] { "workspace_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_member_user_id",
                table: "member",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_member_workspace_id",
                table: "member",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_member_workspace_id_user_id",
                table: "member",
                columns: new[] { "workspace_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_personal_access_token_token_hash",
                table: "personal_access_token",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_personal_access_token_user_id_revoked",
                table: "personal_access_token",
                columns: new[] { "user_id", "revoked" });

            migrationBuilder.CreateIndex(
                name: "IX_project_workspace_id",
                table: "project",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_skill_created_by",
                table: "skill",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_skill_workspace_id",
                table: "skill",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_skill_workspace_id_name",
                table: "skill",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_skill_file_skill_id",
                table: "skill_file",
                column: "skill_id");

            migrationBuilder.CreateIndex(
                name: "IX_skill_file_skill_id_path",
                table: "skill_file",
                columns: new[] { "skill_id", "path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "uq_task_message_task_seq",
                table: "task_message",
                columns: new[] { "task_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_token_agent_id",
                table: "task_token",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_token_task_id",
                table: "task_token",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_token_token_hash",
                table: "task_token",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_token_user_id",
                table: "task_token",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_token_workspace_id",
                table: "task_token",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_usage_task_id",
                table: "task_usage",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_usage_task_id_provider_model",
                table: "task_usage",
                columns: new[] { "task_id", "provider", "model" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_user_email",
                table: "user",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_verification_code_email_created_at",
                table: "verification_code",
                columns: new[] { "email", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_slug",
                table: "workspace",
                column: "slug",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_agent_task_queue_autopilot_run_autopilot_run_id",
                table: "agent_task_queue",
                column: "autopilot_run_id",
                principalTable: "autopilot_run",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_agent_task_queue_issue_issue_id",
                table: "agent_task_queue");

            migrationBuilder.DropForeignKey(
                name: "FK_autopilot_run_issue_issue_id",
                table: "autopilot_run");

            migrationBuilder.DropForeignKey(
                name: "FK_comment_issue_issue_id",
                table: "comment");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_workspace_workspace_id",
                table: "agent");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_runtime_workspace_workspace_id",
                table: "agent_runtime");

            migrationBuilder.DropForeignKey(
                name: "FK_autopilot_workspace_workspace_id",
                table: "autopilot");

            migrationBuilder.DropForeignKey(
                name: "FK_chat_session_workspace_workspace_id",
                table: "chat_session");

            migrationBuilder.DropForeignKey(
                name: "FK_comment_workspace_workspace_id",
                table: "comment");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_agent_runtime_runtime_id",
                table: "agent");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_task_queue_agent_runtime_runtime_id",
                table: "agent_task_queue");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_user_archived_by",
                table: "agent");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_user_owner_id",
                table: "agent");

            migrationBuilder.DropForeignKey(
                name: "FK_chat_session_user_creator_id",
                table: "chat_session");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_task_queue_agent_agent_id",
                table: "agent_task_queue");

            migrationBuilder.DropForeignKey(
                name: "FK_autopilot_agent_assignee_id",
                table: "autopilot");

            migrationBuilder.DropForeignKey(
                name: "FK_chat_session_agent_agent_id",
                table: "chat_session");

            migrationBuilder.DropForeignKey(
                name: "FK_agent_task_queue_autopilot_run_autopilot_run_id",
                table: "agent_task_queue");

            migrationBuilder.DropTable(
                name: "activity_log");

            migrationBuilder.DropTable(
                name: "agent_skill");

            migrationBuilder.DropTable(
                name: "chat_message");

            migrationBuilder.DropTable(
                name: "daemon_token");

            migrationBuilder.DropTable(
                name: "inbox_item");

            migrationBuilder.DropTable(
                name: "issue_subscriber");

            migrationBuilder.DropTable(
                name: "member");

            migrationBuilder.DropTable(
                name: "personal_access_token");

            migrationBuilder.DropTable(
                name: "skill_file");

            migrationBuilder.DropTable(
                name: "task_message");

            migrationBuilder.DropTable(
                name: "task_token");

            migrationBuilder.DropTable(
                name: "task_usage");

            migrationBuilder.DropTable(
                name: "verification_code");

            migrationBuilder.DropTable(
                name: "skill");

            migrationBuilder.DropTable(
                name: "issue");

            migrationBuilder.DropTable(
                name: "project");

            migrationBuilder.DropTable(
                name: "workspace");

            migrationBuilder.DropTable(
                name: "agent_runtime");

            migrationBuilder.DropTable(
                name: "user");

            migrationBuilder.DropTable(
                name: "agent");

            migrationBuilder.DropTable(
                name: "autopilot_run");

            migrationBuilder.DropTable(
                name: "agent_task_queue");

            migrationBuilder.DropTable(
                name: "autopilot_trigger");

            migrationBuilder.DropTable(
                name: "chat_session");

            migrationBuilder.DropTable(
                name: "comment");

            migrationBuilder.DropTable(
                name: "autopilot");
        }
    }
}
