using System.Data.Common;
using System.Text.Json;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// Writes a run as the store wrote it before span blobs (migration TimeSplit): one row per span
/// in task_spans. Plain SQL with parameters, so the same code serves SQLite and PostgreSQL.
/// </summary>
internal static class LegacySpanRows
{
    /// <summary>The last migration whose store kept spans as rows.</summary>
    public const string LastRowMigration = "TimeSplit";

    /// <param name="sqlite">True: times as SQLite's store writes them (DateTimeOffsetToBinaryConverter's long).</param>
    public static async Task InsertAsync(DbConnection connection, RunSummary run, bool sqlite)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        object Time(DateTimeOffset value) => sqlite ? converter.ConvertToProvider(value)! : value;
        await ExecuteAsync(connection,
            "INSERT INTO runs (id, label, workload, parameters_json, plan_json, strategies, task_count, repeat, warmup, state, created_at, started_at, ended_at, error, environment_json, events_sampled, stored_event_count, total_event_count, imported) " +
            "VALUES (@id, NULL, @workload, @parameters, @plan, @strategies, @tasks, @repeat, @warmup, 'completed', @created, @started, @ended, NULL, NULL, @false, @count, @count, @false)",
            ("id", run.Id), ("workload", run.Plan.Parameters.Workload),
            ("parameters", JsonSerializer.Serialize(run.Plan.Parameters, RunJsonOptions.Compact)),
            ("plan", JsonSerializer.Serialize(run.Plan, RunJsonOptions.Compact)),
            ("strategies", string.Join(',', run.Plan.StrategyRuns)), ("tasks", run.Plan.Parameters.TaskCount),
            ("repeat", run.Plan.Repeat), ("warmup", run.Plan.Warmup), ("created", Time(run.CreatedAt)), ("started", Time(run.StartedAt!.Value)),
            ("ended", Time(run.EndedAt!.Value)), ("false", false), ("count", run.Results.Sum(r => r.Spans.Count)));
        for (var ordinal = 0; ordinal < run.Results.Count; ordinal++)
        {
            var r = run.Results[ordinal];
            var resultId = (run.Id * 100) + ordinal;
            await ExecuteAsync(connection,
                "INSERT INTO strategy_results (id, run_id, ordinal, strategy, repetition, wall_seconds, cpu_seconds, lanes, tasks_ok, tasks_failed, output_check, peak_memory_bytes, cancelled, span_count) " +
                "VALUES (@id, @run, @ordinal, @strategy, @repetition, @wall, @cpu, @lanes, @ok, @failed, @check, @peak, @false, @spans)",
                ("id", resultId), ("run", run.Id), ("ordinal", ordinal), ("strategy", r.Strategy), ("repetition", r.Repetition),
                ("wall", r.WallSeconds), ("cpu", r.CpuSeconds), ("lanes", r.Lanes), ("ok", r.TasksOk), ("failed", r.TasksFailed),
                ("check", r.OutputCheck), ("peak", r.PeakMemoryBytes), ("false", false), ("spans", r.Spans.Count));
            foreach (var s in r.Spans)
            {
                await ExecuteAsync(connection,
                    "INSERT INTO task_spans (strategy_result_id, task, lane_process, lane_thread, start_seconds, end_seconds, status, detail) " +
                    "VALUES (@result, @task, @process, @thread, @start, @end, @status, @detail)",
                    ("result", resultId), ("task", s.Task), ("process", s.Lane.ProcessId), ("thread", s.Lane.ThreadId),
                    ("start", s.Start), ("end", s.End), ("status", s.Status.ToString().ToLowerInvariant()), ("detail", (object?)s.Detail ?? DBNull.Value));
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(TestContext.Timeout);
    }
}
