using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>
/// Chrome Trace Event JSON of a run, which Perfetto (ui.perfetto.dev) and chrome://tracing open.
/// <list type="bullet">
/// <item>Every task span is one complete event ("ph":"X", "cat":"task") with ts and dur in
/// microseconds (3 decimals, i.e. whole nanoseconds).</item>
/// <item>Time: span times are relative to their repetition's start, and repetitions ran one after
/// another, so the repetitions are laid end to end in execution order (the order of
/// <see cref="RunSummary.Results"/>), each one <see cref="RepetitionGapMicroseconds"/> after the
/// previous one's end (its wall time or last span end, whichever is later). The first repetition
/// starts at ts 0. One "repetitions" track shows each repetition as a bar ("cat":"repetition").</item>
/// <item>Tracks: pid is the real process id of the lane; each (strategy, lane) gets its own
/// track, so a thread reused by two strategies shows as two named tracks. Overlapping events on
/// one track do not display, so spans that overlap on one lane (async continuations sharing a
/// thread) are spread over overlap levels: the first level that is free at a span's start
/// (interval partitioning, as few levels as possible). Each (strategy, lane, level) track has a
/// synthetic tid (1, 2, ... skipping values equal to a pid); the real thread id is in the name
/// and in each event's args.lane.</item>
/// <item>Metadata events ("ph":"M"): process_name ("dashboard 1234" for the process the
/// in-process strategies ran in, "worker 5678" for the others), thread_name
/// ("sequential · main 17", "async · thread 17 · overlap 2", "processes · worker 5678 thread 1",
/// "repetitions") and sort indexes that keep the strategies in run order.</item>
/// <item>A task's args carry where its time went (cpu, ready, wait, transfer seconds); a task that
/// moved between threads adds its segments and flow arrows (<see cref="ChromeTraceFlows"/>).</item>
/// </list>
/// </summary>
public static class ChromeTrace
{
    /// <summary>Gap between consecutive repetitions on the time axis.</summary>
    public const long RepetitionGapMicroseconds = 1_000;

    private const long NanosecondsPerSecond = 1_000_000_000;

    // Track names hold "·" and labels may hold any text: keep them readable in the file. The
    // trace is a download, never embedded in HTML, so HTML-sensitive characters need no escaping.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Pre-encoded property names: a 10,000-task trace writes each of them tens of thousands of times.
    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText CatProperty = JsonEncodedText.Encode("cat");
    private static readonly JsonEncodedText PhProperty = JsonEncodedText.Encode("ph");
    private static readonly JsonEncodedText TsProperty = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText DurProperty = JsonEncodedText.Encode("dur");
    private static readonly JsonEncodedText PidProperty = JsonEncodedText.Encode("pid");
    private static readonly JsonEncodedText TidProperty = JsonEncodedText.Encode("tid");
    private static readonly JsonEncodedText ArgsProperty = JsonEncodedText.Encode("args");
    private static readonly JsonEncodedText StrategyProperty = JsonEncodedText.Encode("strategy");
    private static readonly JsonEncodedText RepetitionProperty = JsonEncodedText.Encode("repetition");
    private static readonly JsonEncodedText TaskProperty = JsonEncodedText.Encode("task");
    private static readonly JsonEncodedText LaneProperty = JsonEncodedText.Encode("lane");
    private static readonly JsonEncodedText StatusProperty = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText DetailProperty = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText CpuProperty = JsonEncodedText.Encode("cpu");
    private static readonly JsonEncodedText ReadyProperty = JsonEncodedText.Encode("ready");
    private static readonly JsonEncodedText WaitProperty = JsonEncodedText.Encode("wait");
    private static readonly JsonEncodedText TransferProperty = JsonEncodedText.Encode("transfer");
    private static readonly JsonEncodedText TaskCategory = JsonEncodedText.Encode("task");
    private static readonly JsonEncodedText CompletePhase = JsonEncodedText.Encode("X");

    /// <summary>The trace as UTF-8 JSON.</summary>
    public static byte[] ToUtf8Bytes(RunSummary run)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(run, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the trace to <paramref name="stream"/> with synchronous writes as it goes (every
    /// ~64 KiB; <see cref="StreamedExport"/> runs it for a response body). The layout holds one
    /// 32-byte item per span (tracks and overlap levels need every span of a lane); the spans
    /// themselves are fetched in batches as they are written (<see cref="ChromeTraceSpans"/>).
    /// </summary>
    public static void Write(RunSummary run, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        Write(run, writer);
    }

    /// <summary>Writes the trace as one JSON object to <paramref name="writer"/>.</summary>
    public static void Write(RunSummary run, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        var layout = ChromeTraceLayout.Build(run.Results);

        writer.WriteStartObject();
        writer.WriteString("displayTimeUnit", "ms");
        writer.WriteStartObject("otherData");
        writer.WriteNumber("runId", run.Id);
        writer.WriteString("workload", run.Plan.Parameters.Workload);
        if (run.Label is not null)
        {
            writer.WriteString("label", run.Label);
        }

        writer.WriteString("state", RunLifecycle.ToText(run.State));
        writer.WriteString("layout", "repetitions end to end in execution order; one track per strategy, lane and overlap level");
        writer.WriteEndObject();

        writer.WriteStartArray("traceEvents");
        WriteMetadata(writer, layout);

        for (var r = 0; r < run.Results.Count; r++)
        {
            var result = run.Results[r];
            var start = layout.RepetitionStartNs[r];
            writer.WriteStartObject();
            writer.WriteString("name", result.RepetitionName());
            writer.WriteString("cat", "repetition");
            writer.WriteString("ph", "X");
            WriteMicroseconds(writer, TsProperty, start);
            WriteMicroseconds(writer, DurProperty, layout.RepetitionExtentNs[r]);
            writer.WriteNumber("pid", layout.HostPid);
            writer.WriteNumber("tid", layout.RepetitionTid);
            writer.WriteStartObject("args");
            writer.WriteString("strategy", result.Strategy);
            writer.WriteNumber("repetition", result.Repetition);
            writer.WriteNumber("wallSeconds", result.WallSeconds);
            writer.WriteNumber("tasksOk", result.TasksOk);
            writer.WriteNumber("tasksFailed", result.TasksFailed);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        Span<char> text = stackalloc char[48];
        foreach (var (item, span) in ChromeTraceSpans.InOrder(run.Results, layout.Items))
        {
            var result = run.Results[item.Result];
            writer.WriteStartObject();
            "task ".CopyTo(text);
            span.Task.TryFormat(text[5..], out var digits, provider: CultureInfo.InvariantCulture);
            writer.WriteString(NameProperty, text[..(5 + digits)]);
            writer.WriteString(CatProperty, TaskCategory);
            writer.WriteString(PhProperty, CompletePhase);
            WriteMicroseconds(writer, TsProperty, item.StartNs);
            WriteMicroseconds(writer, DurProperty, item.EndNs - item.StartNs);
            writer.WriteNumber(PidProperty, span.Lane.ProcessId);
            writer.WriteNumber(TidProperty, layout.Tracks[item.Track].Tid);
            if (span.Status != Engine.Running.TaskStatus.Ok)
            {
                // Trace viewers' reserved colour names: red for failures, yellow for cancellations.
                writer.WriteString("cname", span.Status == Engine.Running.TaskStatus.Failed ? "terrible" : "bad");
            }

            writer.WriteStartObject(ArgsProperty);
            writer.WriteString(StrategyProperty, result.Strategy);
            writer.WriteNumber(RepetitionProperty, result.Repetition);
            writer.WriteNumber(TaskProperty, span.Task);
            span.Lane.ProcessId.TryFormat(text, out var p, provider: CultureInfo.InvariantCulture);
            text[p] = ':';
            span.Lane.ThreadId.TryFormat(text[(p + 1)..], out var t, provider: CultureInfo.InvariantCulture);
            writer.WriteString(LaneProperty, text[..(p + 1 + t)]);
            writer.WriteString(StatusProperty, RunCsv.StatusText(span.Status));
            if (span.Detail is not null)
            {
                writer.WriteString(DetailProperty, span.Detail);
            }

            WriteSplit(writer, span);
            writer.WriteEndObject();
            writer.WriteEndObject();
            StreamedExport.FlushEvery64KiB(writer);
        }

        WriteCounters(run, writer, layout);
        ChromeTraceFlows.Write(run, writer, layout);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Where the task's time went (seconds), in its args: cpu, ready, wait, transfer.</summary>
    private static void WriteSplit(Utf8JsonWriter writer, Engine.Running.TaskSpan span)
    {
        if (span.Cpu is { } cpu)
        {
            writer.WriteNumber(CpuProperty, cpu);
            writer.WriteNumber(ReadyProperty, span.Ready ?? 0);
            writer.WriteNumber(WaitProperty, span.Wait ?? 0);
        }

        if (span.Transfer is { } transfer)
        {
            writer.WriteNumber(TransferProperty, transfer);
        }
    }

    /// <summary>
    /// Counter tracks ("ph":"C"), one set per process: "cpu %" (user, system), "threads" (os, pool),
    /// "pool queue", "memory MB" (working set, allocated) and "gc pause ms", on the spans' time axis.
    /// </summary>
    private static void WriteCounters(RunSummary run, Utf8JsonWriter writer, ChromeTraceLayout layout)
    {
        for (var r = 0; r < run.Results.Count; r++)
        {
            if (run.Results[r].Counters is not { } samples)
            {
                continue;
            }

            var start = layout.RepetitionStartNs[r];
            foreach (var s in samples)
            {
                var ts = TraceTime.Add(start, TraceTime.Nanoseconds(s.T));
                Counter(writer, "cpu %", ts, s.Process, ("user", s.CpuUserPercent), ("system", s.CpuSystemPercent));
                Counter(writer, "threads", ts, s.Process, ("os", s.Threads), ("pool", s.PoolThreads));
                Counter(writer, "pool queue", ts, s.Process, ("queue", s.PoolQueue));
                Counter(writer, "memory MB", ts, s.Process, ("workingSet", s.WorkingSetMb), ("allocated", s.AllocatedMb));
                Counter(writer, "gc pause ms", ts, s.Process, ("pause", s.GcPauseMs));
                if (s is { BytesPerTask: { } perTask, TasksInFlight: { } inFlight })
                {
                    Counter(writer, "memory per task KB", ts, s.Process, ("perTask", Math.Round(perTask / 1024, 2)), ("inFlight", inFlight));
                }
            }
        }
    }

    private static void Counter(Utf8JsonWriter writer, string name, long tsNs, int pid, params ReadOnlySpan<(string Name, double Value)> values)
    {
        writer.WriteStartObject();
        writer.WriteString(NameProperty, name);
        writer.WriteString(CatProperty, "counters");
        writer.WriteString(PhProperty, "C");
        WriteMicroseconds(writer, TsProperty, tsNs);
        writer.WriteNumber(PidProperty, pid);
        writer.WriteStartObject(ArgsProperty);
        foreach (var (key, value) in values)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, ChromeTraceLayout layout)
    {
        var sort = 0;
        foreach (var pid in layout.Pids)
        {
            Metadata(writer, "process_name", pid, null, layout.HostPids.Contains(pid) ? $"dashboard {pid}" : $"worker {pid}");
            MetadataSort(writer, "process_sort_index", pid, null, sort++);
        }

        Metadata(writer, "thread_name", layout.HostPid, layout.RepetitionTid, "repetitions");
        MetadataSort(writer, "thread_sort_index", layout.HostPid, layout.RepetitionTid, 0);
        for (var i = 0; i < layout.Tracks.Count; i++)
        {
            var track = layout.Tracks[i];
            Metadata(writer, "thread_name", track.Pid, track.Tid, track.Name);
            MetadataSort(writer, "thread_sort_index", track.Pid, track.Tid, i + 1);
        }
    }

    private static void Metadata(Utf8JsonWriter writer, string name, int pid, int? tid, string value)
    {
        StartMetadata(writer, name, pid, tid);
        writer.WriteString("name", value);
        EndMetadata(writer);
    }

    private static void MetadataSort(Utf8JsonWriter writer, string name, int pid, int? tid, int index)
    {
        StartMetadata(writer, name, pid, tid);
        writer.WriteNumber("sort_index", index);
        EndMetadata(writer);
    }

    /// <summary>Opens a "ph":"M" event up to its args object; the caller writes the one argument.</summary>
    private static void StartMetadata(Utf8JsonWriter writer, string name, int pid, int? tid)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("ph", "M");
        writer.WriteNumber("pid", pid);
        if (tid is { } t)
        {
            writer.WriteNumber("tid", t);
        }

        writer.WriteStartObject("args");
    }

    private static void EndMetadata(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Whole nanoseconds as an exact decimal number of microseconds ("1234.5" for 1,234,500 ns),
    /// formatted by hand: decimal arithmetic per event was the trace's biggest cost.
    /// </summary>
    private static void WriteMicroseconds(Utf8JsonWriter writer, JsonEncodedText property, long nanoseconds)
    {
        Span<byte> digits = stackalloc byte[32];
        var negative = nanoseconds < 0;
        var magnitude = negative ? -nanoseconds : nanoseconds;
        var whole = magnitude / 1000;
        var fraction = (int)(magnitude % 1000);
        var length = 0;
        if (negative)
        {
            digits[length++] = (byte)'-';
        }

        whole.TryFormat(digits[length..], out var written, provider: CultureInfo.InvariantCulture);
        length += written;
        if (fraction != 0)
        {
            digits[length++] = (byte)'.';
            digits[length++] = (byte)('0' + (fraction / 100));
            digits[length++] = (byte)('0' + (fraction / 10 % 10));
            digits[length++] = (byte)('0' + (fraction % 10));
            while (digits[length - 1] == (byte)'0')
            {
                length--;
            }
        }

        writer.WritePropertyName(property);
        writer.WriteRawValue(digits[..length], skipInputValidation: true);
    }

    internal static long Nanoseconds(double seconds) => TraceTime.Nanoseconds(seconds);
}
