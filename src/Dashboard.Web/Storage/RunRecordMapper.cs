using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage.Entities;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Storage;

/// <summary>Between the rows of the store and the records the rest of the app uses.</summary>
internal static class RunRecordMapper
{
    /// <summary>Longest node name kept per span (a node's name is at most 100 characters, Node:Name).</summary>
    public const int MaxNodeLength = 100;

    /// <summary>Longest detail kept per span.</summary>
    public const int MaxDetailLength = 1_000;

    public static string ToText(RunState state) => RunLifecycle.ToText(state);

    public static RunState ParseState(string text) => RunLifecycle.Parse(text);

    public static string ToText(TaskStatus status) => status.ToString().ToLowerInvariant();

    public static TaskStatus ParseStatus(string text) => Enum.Parse<TaskStatus>(text, ignoreCase: true);

    /// <summary>Copies the run's own fields (not its results) onto <paramref name="record"/>.</summary>
    public static void CopyRun(RunSummary run, RunRecord record)
    {
        record.Label = run.Label;
        record.Workload = run.Plan.Parameters.Workload;
        record.ParametersJson = JsonSerializer.Serialize(run.Plan.Parameters, RunJsonOptions.Compact);
        record.PlanJson = JsonSerializer.Serialize(run.Plan, RunJsonOptions.Compact);
        record.Strategies = StrategyList(run.Plan.StrategyRuns);
        record.TaskCount = run.Plan.Parameters.TaskCount;
        record.Repeat = run.Plan.Repeat;
        record.Warmup = run.Plan.Warmup;
        record.State = ToText(run.State);
        record.CreatedAt = run.CreatedAt.ToUniversalTime();
        record.StartedAt = run.StartedAt?.ToUniversalTime();
        record.EndedAt = run.EndedAt?.ToUniversalTime();
        record.Error = Truncate(run.Error, 4_000);
    }

    /// <summary>
    /// The run's strategy keys for the list's column, comma-separated, cut after the last whole key
    /// that fits <see cref="MaxStrategiesLength"/> (a sweep of 8 sizes over 5 strategies is ~600
    /// characters; the list then names the first ones, the run's own page all of them).
    /// </summary>
    public static string StrategyList(IReadOnlyList<string> strategies)
    {
        var text = string.Join(',', strategies);
        if (text.Length <= MaxStrategiesLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(',', MaxStrategiesLength);
        return cut <= 0 ? "" : text[..cut];
    }

    /// <summary>The column's limit (<see cref="DashboardDbContext"/>).</summary>
    public const int MaxStrategiesLength = 200;

    /// <summary>What retention counts per row beside its variable-length columns (keys, numbers, index entries).</summary>
    public const int RowBytes = 100;

    /// <summary>The run row's bytes as retention counts them.</summary>
    public static long Bytes(RunRecord record) =>
        RowBytes + Utf8(record.Label) + Utf8(record.ParametersJson) + Utf8(record.PlanJson) + Utf8(record.Strategies)
        + Utf8(record.Error) + Utf8(record.EnvironmentJson);

    /// <summary>A result row, its spans stored as one blob.</summary>
    public static StrategyResultRecord ToRecord(StrategyResult result, int ordinal, IReadOnlyList<TaskSpan> storedSpans)
    {
        var record = ToRecord(result, ordinal);
        record.SpansBlob = storedSpans.Count == 0 ? null : Columns.SpanBlob.Encode(storedSpans);
        record.BlobSpanCount = storedSpans.Count;
        record.StoredBytes = RowBytes + (record.SpansBlob?.LongLength ?? 0) + Utf8(record.OutputCheck) + Utf8(record.CountersJson)
            + Utf8(record.WorkerStartJson) + Utf8(record.RuntimeEventsJson);
        return record;
    }

    private static long Utf8(string? text) => text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);

    private static StrategyResultRecord ToRecord(StrategyResult result, int ordinal) => new()
    {
        Ordinal = ordinal,
        Strategy = result.Strategy,
        Repetition = result.Repetition,
        WallSeconds = result.WallSeconds,
        CpuSeconds = result.CpuSeconds,
        Lanes = result.Lanes,
        TasksOk = result.TasksOk,
        TasksFailed = result.TasksFailed,
        OutputCheck = Truncate(result.OutputCheck, 1_000) ?? "",
        PeakMemoryBytes = result.PeakMemoryBytes,
        Cancelled = result.Cancelled,
        SpanCount = result.Spans.Count,
        CountersJson = result.Counters is null ? null : JsonSerializer.Serialize(result.Counters, RunJsonOptions.Compact),
        WorkerStartJson = result.WorkerStartSeconds is null ? null : JsonSerializer.Serialize(result.WorkerStartSeconds, RunJsonOptions.Compact),
        RuntimeEventsJson = result.RuntimeEvents is null ? null : JsonSerializer.Serialize(result.RuntimeEvents, RunJsonOptions.Compact),
    };

    /// <param name="streamSpans">
    /// True: blob-stored spans are decoded as they are enumerated, every time
    /// (<see cref="Columns.StoredSpanList"/>), for an export that writes as it reads; false: a
    /// repetition of up to <see cref="Columns.StoredSpanList.KeptWholeUpTo"/> spans is decoded once
    /// and kept (pages read a detailed run's spans often), a larger one streams all the same.
    /// </param>
    public static RunSummary ToSummary(RunRecord record, bool streamSpans = false)
    {
        var plan = JsonSerializer.Deserialize<RunPlan>(record.PlanJson, RunJsonOptions.Compact)
            ?? throw new InvalidDataException($"Run {record.Id} has an empty plan.");
        var results = record.Results
            .OrderBy(r => r.Ordinal)
            .Select(r => ToResult(r, streamSpans))
            .ToArray();
        return new RunSummary(
            record.Id,
            record.Label,
            plan,
            ParseState(record.State),
            QueuePosition: null,
            record.CreatedAt,
            record.StartedAt,
            record.EndedAt,
            record.Error,
            results);
    }

    private static StrategyResult ToResult(StrategyResultRecord record, bool streamSpans) => ToResult(record, record.SpansBlob switch
    {
        null => record.Spans.Select(ToSpan).ToArray(),
        { } blob => new Columns.StoredSpanList(blob, record.BlobSpanCount,
            keepWhole: !streamSpans && record.BlobSpanCount <= Columns.StoredSpanList.KeptWholeUpTo),
    });

    /// <summary>A span row of a run stored before blobs.</summary>
    public static TaskSpan ToSpan(TaskSpanRecord s) => new(
        s.Task,
        new Lane(s.LaneProcess, s.LaneThread),
        s.StartSeconds,
        s.EndSeconds,
        ParseStatus(s.Status),
        s.Detail,
        s.Node)
    {
        Threads = TaskThreads.Parse(s.Threads),
        Cpu = s.CpuSeconds,
        Ready = s.ReadySeconds,
        Transfer = s.TransferSeconds,
        Segments = TaskSegments.Parse(s.Segments),
    };

    private static StrategyResult ToResult(StrategyResultRecord record, IReadOnlyList<TaskSpan> spans) => new(
        record.Strategy,
        record.Repetition,
        record.WallSeconds,
        record.CpuSeconds,
        record.Lanes,
        record.TasksOk,
        record.TasksFailed,
        record.OutputCheck,
        record.PeakMemoryBytes,
        spans,
        record.Cancelled)
    {
        Counters = record.CountersJson is null
            ? null
            : JsonSerializer.Deserialize<CounterSample[]>(record.CountersJson, RunJsonOptions.Compact),
        WorkerStartSeconds = record.WorkerStartJson is null
            ? null
            : JsonSerializer.Deserialize<double[]>(record.WorkerStartJson, RunJsonOptions.Compact),
        RuntimeEvents = record.RuntimeEventsJson is null
            ? null
            : JsonSerializer.Deserialize<RuntimeEvents>(record.RuntimeEventsJson, RunJsonOptions.Compact),
    };

    public static string? Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text : text[..max];
}
