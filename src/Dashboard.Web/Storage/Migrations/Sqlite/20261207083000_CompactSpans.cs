using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Storage.Migrations.Sqlite
{
    /// <summary>
    /// Spans move from one row each (task_spans) to one compressed columnar blob per strategy
    /// repetition (strategy_results.spans_blob), and runs and results count their bytes for
    /// retention (Storage:MaxStoredBytes). Runs stored before keep their span rows, which the store
    /// still reads; their bytes are estimated here: 64 bytes per span row plus its texts.
    /// </summary>
    public partial class CompactSpans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "stored_bytes",
                table: "runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "blob_span_count",
                table: "strategy_results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "spans_blob",
                table: "strategy_results",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "stored_bytes",
                table: "strategy_results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql(
                "UPDATE runs SET stored_bytes = 100 + length(plan_json) + length(parameters_json) + length(strategies) " +
                "+ coalesce(length(label), 0) + coalesce(length(error), 0) + coalesce(length(environment_json), 0);");
            migrationBuilder.Sql(
                "UPDATE strategy_results SET stored_bytes = 100 + length(output_check) + coalesce(length(counters_json), 0) " +
                "+ coalesce(length(worker_start_json), 0) + coalesce(length(runtime_events_json), 0) " +
                "+ coalesce((SELECT sum(64 + length(t.status) + coalesce(length(t.detail), 0) + coalesce(length(t.threads), 0) " +
                "+ coalesce(length(t.node), 0) + coalesce(length(t.segments), 0)) FROM task_spans t WHERE t.strategy_result_id = strategy_results.id), 0);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "stored_bytes",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "blob_span_count",
                table: "strategy_results");

            migrationBuilder.DropColumn(
                name: "spans_blob",
                table: "strategy_results");

            migrationBuilder.DropColumn(
                name: "stored_bytes",
                table: "strategy_results");
        }
    }
}
