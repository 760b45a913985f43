using Dashboard.Engine.Running;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Web.Storage;

/// <summary>
/// Writes a run's task spans inside the run's transaction without EF change tracking, which costs
/// far more than the insert itself at 10,000+ rows: prepared multi-row INSERTs on
/// SQLite, binary COPY on PostgreSQL.
/// </summary>
internal static class SpanBulkWriter
{
    private const string Columns = "strategy_result_id, task, lane_process, lane_thread, start_seconds, end_seconds, status, detail";

    public static async Task WriteAsync(
        DashboardDbContext context,
        IDbContextTransaction transaction,
        IReadOnlyList<(long ResultId, IReadOnlyList<TaskSpan> Spans)> batches,
        CancellationToken cancellationToken)
    {
        if (batches.All(b => b.Spans.Count == 0))
        {
            return;
        }

        switch (context.Database.GetDbConnection())
        {
            case SqliteConnection sqlite:
                WriteSqlite(sqlite, (SqliteTransaction)transaction.GetDbTransaction(), batches, cancellationToken);
                break;
            case NpgsqlConnection npgsql:
                await WritePostgresAsync(npgsql, batches, cancellationToken);
                break;
            default:
                throw new NotSupportedException($"No span writer for {context.Database.ProviderName}.");
        }
    }

    private static void WriteSqlite(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<(long ResultId, IReadOnlyList<TaskSpan> Spans)> batches,
        CancellationToken cancellationToken)
    {
        var rows = batches.SelectMany(b => b.Spans.Select(span => (b.ResultId, Span: span))).ToArray();
        using var full = SqliteInsert(connection, transaction, Math.Min(SqliteRowsPerStatement, rows.Length));
        var offset = 0;
        for (; offset + SqliteRowsPerStatement <= rows.Length; offset += SqliteRowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Bind(full, rows.AsSpan(offset, SqliteRowsPerStatement));
            full.ExecuteNonQuery();
        }

        if (offset < rows.Length)
        {
            using var rest = SqliteInsert(connection, transaction, rows.Length - offset);
            Bind(rest, rows.AsSpan(offset));
            rest.ExecuteNonQuery();
        }
    }

    // Many rows per statement: one statement step per 100 spans instead of per span (8 parameters
    // a row keeps it far below SQLite's 32,766 parameter limit).
    private const int SqliteRowsPerStatement = 100;

    private static SqliteCommand SqliteInsert(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = new System.Text.StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            values.Append(row == 0 ? "" : ",").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"($r{row},$t{row},$p{row},$h{row},$s{row},$e{row},$u{row},$d{row})");
            command.Parameters.Add($"$r{row}", SqliteType.Integer);
            command.Parameters.Add($"$t{row}", SqliteType.Integer);
            command.Parameters.Add($"$p{row}", SqliteType.Integer);
            command.Parameters.Add($"$h{row}", SqliteType.Integer);
            command.Parameters.Add($"$s{row}", SqliteType.Real);
            command.Parameters.Add($"$e{row}", SqliteType.Real);
            command.Parameters.Add($"$u{row}", SqliteType.Text);
            command.Parameters.Add($"$d{row}", SqliteType.Text);
        }

        command.CommandText = $"INSERT INTO task_spans ({Columns}) VALUES {values}";
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, ReadOnlySpan<(long ResultId, TaskSpan Span)> rows)
    {
        var parameters = command.Parameters;
        for (var row = 0; row < rows.Length; row++)
        {
            var (resultId, span) = rows[row];
            var i = row * 8;
            parameters[i].Value = resultId;
            parameters[i + 1].Value = span.Task;
            parameters[i + 2].Value = span.Lane.ProcessId;
            parameters[i + 3].Value = span.Lane.ThreadId;
            parameters[i + 4].Value = span.Start;
            parameters[i + 5].Value = span.End;
            parameters[i + 6].Value = RunRecordMapper.ToText(span.Status);
            parameters[i + 7].Value = (object?)RunRecordMapper.Truncate(span.Detail, 1_000) ?? DBNull.Value;
        }
    }

    private static async Task WritePostgresAsync(
        NpgsqlConnection connection,
        IReadOnlyList<(long ResultId, IReadOnlyList<TaskSpan> Spans)> batches,
        CancellationToken cancellationToken)
    {
        // COPY joins the connection's open transaction, so a failure rolls back the whole run.
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY task_spans ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (id, spans) in batches)
        {
            foreach (var span in spans)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(span.Task, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(span.Lane.ProcessId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(span.Lane.ThreadId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(span.Start, NpgsqlDbType.Double, cancellationToken);
                await importer.WriteAsync(span.End, NpgsqlDbType.Double, cancellationToken);
                await importer.WriteAsync(RunRecordMapper.ToText(span.Status), NpgsqlDbType.Varchar, cancellationToken);
                if (RunRecordMapper.Truncate(span.Detail, 1_000) is { } detail)
                {
                    await importer.WriteAsync(detail, NpgsqlDbType.Varchar, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
