using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    workload = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    plan_json = table.Column<string>(type: "TEXT", nullable: false),
                    strategies = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    task_count = table.Column<int>(type: "INTEGER", nullable: false),
                    repeat = table.Column<int>(type: "INTEGER", nullable: false),
                    warmup = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    environment_json = table.Column<string>(type: "TEXT", nullable: true),
                    events_sampled = table.Column<bool>(type: "INTEGER", nullable: false),
                    stored_event_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_event_count = table.Column<int>(type: "INTEGER", nullable: false),
                    imported = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "strategy_results",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    strategy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    repetition = table.Column<int>(type: "INTEGER", nullable: false),
                    wall_seconds = table.Column<double>(type: "REAL", nullable: false),
                    cpu_seconds = table.Column<double>(type: "REAL", nullable: false),
                    lanes = table.Column<int>(type: "INTEGER", nullable: false),
                    tasks_ok = table.Column<int>(type: "INTEGER", nullable: false),
                    tasks_failed = table.Column<int>(type: "INTEGER", nullable: false),
                    output_check = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    peak_memory_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    span_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_strategy_results", x => x.id);
                    table.ForeignKey(
                        name: "FK_strategy_results_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_spans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    strategy_result_id = table.Column<long>(type: "INTEGER", nullable: false),
                    task = table.Column<int>(type: "INTEGER", nullable: false),
                    lane_process = table.Column<int>(type: "INTEGER", nullable: false),
                    lane_thread = table.Column<int>(type: "INTEGER", nullable: false),
                    start_seconds = table.Column<double>(type: "REAL", nullable: false),
                    end_seconds = table.Column<double>(type: "REAL", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_spans", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_spans_strategy_results_strategy_result_id",
                        column: x => x.strategy_result_id,
                        principalTable: "strategy_results",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_runs_state",
                table: "runs",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "IX_runs_workload",
                table: "runs",
                column: "workload");

            migrationBuilder.CreateIndex(
                name: "IX_strategy_results_run_id_ordinal",
                table: "strategy_results",
                columns: new[] { "run_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_spans_strategy_result_id",
                table: "task_spans",
                column: "strategy_result_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_spans");

            migrationBuilder.DropTable(
                name: "strategy_results");

            migrationBuilder.DropTable(
                name: "runs");
        }
    }
}
