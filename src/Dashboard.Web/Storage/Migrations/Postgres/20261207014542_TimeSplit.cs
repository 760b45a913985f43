using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimeSplit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "cpu_seconds",
                table: "task_spans",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ready_seconds",
                table: "task_spans",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segments",
                table: "task_spans",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "transfer_seconds",
                table: "task_spans",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "runtime_events_json",
                table: "strategy_results",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "worker_start_json",
                table: "strategy_results",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cpu_seconds",
                table: "task_spans");

            migrationBuilder.DropColumn(
                name: "ready_seconds",
                table: "task_spans");

            migrationBuilder.DropColumn(
                name: "segments",
                table: "task_spans");

            migrationBuilder.DropColumn(
                name: "transfer_seconds",
                table: "task_spans");

            migrationBuilder.DropColumn(
                name: "runtime_events_json",
                table: "strategy_results");

            migrationBuilder.DropColumn(
                name: "worker_start_json",
                table: "strategy_results");
        }
    }
}
