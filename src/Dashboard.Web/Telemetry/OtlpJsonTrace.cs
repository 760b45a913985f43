using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Telemetry;

/// <summary>
/// A finished run as OTLP/JSON (an ExportTraceServiceRequest in the OTLP JSON encoding), which an
/// OTLP/HTTP receiver that takes JSON accepts as a POST to /v1/traces with Content-Type application/json.
/// <list type="bullet">
/// <item>One trace per run: a root span for the run, a child span per strategy repetition (warmups
/// included), a grandchild span per task (attributes: strategy, repetition, task index, lane,
/// the time split dashboard.task.cpu_seconds / ready_seconds / wait_seconds / transfer_seconds,
/// status, detail; failed tasks have status ERROR).</item>
/// <item>Time: on the run's wall clock. The run span starts at the run's start. Task times are
/// relative to their repetition, whose wall-clock start is not recorded, so the repetitions are
/// laid end to end from the run's start in execution order, each as long as its wall time or its
/// last task, whichever is later (as the Chrome trace does).</item>
/// <item>Ids are derived (SHA-256) from the run's id and creation time, strategy, repetition and
/// task, so exporting the same run twice gives the same trace and span ids.</item>
/// </list>
/// </summary>
public static class OtlpJsonTrace
{
    private const int SpanKindInternal = 1;
    private const int StatusCodeError = 2;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as UTF-8 JSON.</summary>
    public static byte[] ToUtf8Bytes(RunSummary run, string serviceName = DashboardTelemetry.DefaultServiceName)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(run, serviceName, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the document to <paramref name="stream"/> with synchronous writes as it goes (every
    /// ~64 KiB; <see cref="Exports.StreamedExport"/> runs it for a response body).
    /// </summary>
    public static void Write(RunSummary run, Stream stream, string serviceName = DashboardTelemetry.DefaultServiceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        Write(run, serviceName, writer);
    }

    /// <summary>Writes the document as one JSON object.</summary>
    public static void Write(RunSummary run, string serviceName, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        var created = run.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var runKey = $"{run.Id}|{created}";
        var traceId = Id($"trace|{runKey}", 16);
        var runSpanId = Id($"run|{runKey}", 8);

        var runStart = UnixNanoseconds(run.StartedAt ?? run.CreatedAt);
        var cursor = runStart;
        var repetitionStarts = new long[run.Results.Count];
        var repetitionEnds = new long[run.Results.Count];
        for (var r = 0; r < run.Results.Count; r++)
        {
            var result = run.Results[r];
            var lastEnd = result.Spans.Count == 0 ? 0 : result.Spans.Max(s => s.End);
            repetitionStarts[r] = cursor;
            cursor = TraceTime.Add(cursor, Nanoseconds(Math.Max(result.WallSeconds, lastEnd)));
            repetitionEnds[r] = cursor;
        }

        var runEnd = Math.Max(cursor, run.EndedAt is { } ended ? UnixNanoseconds(ended) : cursor);

        writer.WriteStartObject();
        writer.WriteStartArray("resourceSpans");
        writer.WriteStartObject();
        writer.WriteStartObject("resource");
        writer.WriteStartArray("attributes");
        StringAttribute(writer, "service.name", serviceName);
        StringAttribute(writer, "telemetry.sdk.name", "concurrency-dashboard-export");
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartArray("scopeSpans");
        writer.WriteStartObject();
        writer.WriteStartObject("scope");
        writer.WriteString("name", DashboardTelemetry.RunsName);
        writer.WriteEndObject();
        writer.WriteStartArray("spans");

        // The run.
        StartSpan(writer, traceId, runSpanId, parentSpanId: null, $"run {run.Id}", runStart, runEnd);
        IntAttribute(writer, DashboardTelemetry.RunIdAttribute, run.Id);
        StringAttribute(writer, DashboardTelemetry.StateAttribute, RunLifecycle.ToText(run.State));
        StringAttribute(writer, DashboardTelemetry.WorkloadAttribute, run.Plan.Parameters.Workload);
        if (run.Label is not null)
        {
            StringAttribute(writer, DashboardTelemetry.LabelAttribute, run.Label);
        }

        StringAttribute(writer, DashboardTelemetry.StrategiesAttribute, string.Join(',', run.Plan.Strategies));
        IntAttribute(writer, DashboardTelemetry.RepetitionsAttribute, run.Results.Count);
        EndSpan(writer, run.State is RunState.Failed or RunState.TimedOut ? run.Error ?? RunLifecycle.ToText(run.State) : null);

        for (var r = 0; r < run.Results.Count; r++)
        {
            var result = run.Results[r];
            var repetitionKey = $"{runKey}|{result.Strategy}|{result.Repetition.ToString(CultureInfo.InvariantCulture)}";
            var repetitionSpanId = Id($"repetition|{repetitionKey}", 8);
            StartSpan(writer, traceId, repetitionSpanId, runSpanId, result.RepetitionName(), repetitionStarts[r], repetitionEnds[r]);
            StringAttribute(writer, DashboardTelemetry.StrategyAttribute, result.Strategy);
            IntAttribute(writer, DashboardTelemetry.RepetitionAttribute, result.Repetition);
            IntAttribute(writer, DashboardTelemetry.TasksOkAttribute, result.TasksOk);
            IntAttribute(writer, DashboardTelemetry.TasksFailedAttribute, result.TasksFailed);
            EndSpan(writer, result.Succeeded || result.Cancelled ? null : $"{result.TasksFailed} tasks failed; output check: {result.OutputCheck}");

            foreach (var task in result.Spans)
            {
                var start = TraceTime.Add(repetitionStarts[r], Nanoseconds(task.Start));
                var end = Math.Max(start, TraceTime.Add(repetitionStarts[r], Nanoseconds(task.End)));
                var taskSpanId = Id($"task|{repetitionKey}|{task.Task.ToString(CultureInfo.InvariantCulture)}", 8);
                StartSpan(writer, traceId, taskSpanId, repetitionSpanId, $"task {task.Task.ToString(CultureInfo.InvariantCulture)}", start, end);
                StringAttribute(writer, DashboardTelemetry.StrategyAttribute, result.Strategy);
                IntAttribute(writer, DashboardTelemetry.RepetitionAttribute, result.Repetition);
                IntAttribute(writer, DashboardTelemetry.TaskIndexAttribute, task.Task);
                StringAttribute(writer, DashboardTelemetry.LaneAttribute, $"{task.Lane.ProcessId.ToString(CultureInfo.InvariantCulture)}:{task.Lane.ThreadId.ToString(CultureInfo.InvariantCulture)}");
                IntAttribute(writer, "process.pid", task.Lane.ProcessId);
                IntAttribute(writer, "thread.id", task.Lane.ThreadId);
                StringAttribute(writer, DashboardTelemetry.TaskStatusAttribute, RunCsv.StatusText(task.Status));
                if (task.Detail is not null)
                {
                    StringAttribute(writer, DashboardTelemetry.TaskDetailAttribute, task.Detail);
                }

                // Where the task's time went, seconds (absent when not measured).
                DoubleAttribute(writer, "dashboard.task.cpu_seconds", task.Cpu);
                DoubleAttribute(writer, "dashboard.task.ready_seconds", task.Ready);
                DoubleAttribute(writer, "dashboard.task.wait_seconds", task.Wait);
                DoubleAttribute(writer, "dashboard.task.transfer_seconds", task.Transfer);
                EndSpan(writer, task.Status == Engine.Running.TaskStatus.Failed ? task.Detail ?? "failed" : null);
                Exports.StreamedExport.FlushEvery64KiB(writer);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Opens a span object up to and including its attributes array.</summary>
    private static void StartSpan(Utf8JsonWriter writer, string traceId, string spanId, string? parentSpanId, string name, long startNs, long endNs)
    {
        writer.WriteStartObject();
        writer.WriteString("traceId", traceId);
        writer.WriteString("spanId", spanId);
        if (parentSpanId is not null)
        {
            writer.WriteString("parentSpanId", parentSpanId);
        }

        writer.WriteString("name", name);
        writer.WriteNumber("kind", SpanKindInternal);
        writer.WriteString("startTimeUnixNano", startNs.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("endTimeUnixNano", endNs.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartArray("attributes");
    }

    /// <summary>Closes the attributes array and the span; an error message gives status ERROR.</summary>
    private static void EndSpan(Utf8JsonWriter writer, string? error)
    {
        writer.WriteEndArray();
        if (error is not null)
        {
            writer.WriteStartObject("status");
            writer.WriteNumber("code", StatusCodeError);
            writer.WriteString("message", error);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void StringAttribute(Utf8JsonWriter writer, string key, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WriteStartObject("value");
        writer.WriteString("stringValue", value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void DoubleAttribute(Utf8JsonWriter writer, string key, double? value)
    {
        if (value is not { } number || !double.IsFinite(number))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WriteStartObject("value");
        writer.WriteNumber("doubleValue", number);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>int64 values are strings in the protobuf JSON mapping that OTLP/JSON uses.</summary>
    private static void IntAttribute(Utf8JsonWriter writer, string key, long value)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WriteStartObject("value");
        writer.WriteString("intValue", value.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The first <paramref name="bytes"/> bytes of SHA-256(key) as lowercase hex; never all zeros (an invalid id).</summary>
    private static string Id(string key, int bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        var id = hash[..bytes];
        if (!id.ContainsAnyExcept((byte)0))
        {
            id[^1] = 1;
        }

        return Convert.ToHexStringLower(id);
    }

    private static long UnixNanoseconds(DateTimeOffset time) => TraceTime.UnixNanoseconds(time);

    private static long Nanoseconds(double seconds) => TraceTime.Nanoseconds(seconds);
}
