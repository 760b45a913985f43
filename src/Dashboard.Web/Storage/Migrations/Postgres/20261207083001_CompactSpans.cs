using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Storage.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "blob_span_count",
                table: "strategy_results",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "spans_blob",
                table: "strategy_results",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "stored_bytes",
                table: "strategy_results",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql(
                "UPDATE runs SET stored_bytes = 100 + octet_length(plan_json) + octet_length(parameters_json) + octet_length(strategies) " +
                "+ coalesce(octet_length(label), 0) + coalesce(octet_length(error), 0) + coalesce(octet_length(environment_json), 0);");
            migrationBuilder.Sql(
                "UPDATE strategy_results SET stored_bytes = 100 + octet_length(output_check) + coalesce(octet_length(counters_json), 0) " +
                "+ coalesce(octet_length(worker_start_json), 0) + coalesce(octet_length(runtime_events_json), 0) " +
                "+ coalesce((SELECT sum(64 + octet_length(t.status) + coalesce(octet_length(t.detail), 0) + coalesce(octet_length(t.threads), 0) " +
                "+ coalesce(octet_length(t.node), 0) + coalesce(octet_length(t.segments), 0)) FROM task_spans t WHERE t.strategy_result_id = strategy_results.id), 0);");
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
