using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CountersAndThreadHops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "threads",
                table: "task_spans",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "counters_json",
                table: "strategy_results",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "threads",
                table: "task_spans");

            migrationBuilder.DropColumn(
                name: "counters_json",
                table: "strategy_results");
        }
    }
}
