using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RaffsSync.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CreateInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbox_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    receipt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    event_id_derived = table.Column<bool>(type: "boolean", nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    topic = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    body_sha256 = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    headers = table.Column<string>(type: "jsonb", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_events", x => x.id);
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_inbox_events_receipt_id",
                table: "inbox_events",
                column: "receipt_id"
            );

            migrationBuilder.CreateIndex(
                name: "ix_inbox_events_status_next_attempt_at",
                table: "inbox_events",
                columns: new[] { "status", "next_attempt_at" }
            );

            migrationBuilder.CreateIndex(
                name: "ux_inbox_events_provider_event_id",
                table: "inbox_events",
                columns: new[] { "provider", "event_id" },
                unique: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "inbox_events");
        }
    }
}
