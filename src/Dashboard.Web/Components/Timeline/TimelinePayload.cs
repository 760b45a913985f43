using System.Buffers;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// Wire events packed for timeline.js: one JSON string of rows, decoded in the browser by a native
/// <c>JSON.parse</c>. Handing Blazor the events as objects costs far more: its interop serialises
/// every property name and revives every value of a 10,000-event batch on the browser's main thread.
/// </summary>
/// <remarks>
/// Row layout (timeline.js <c>decodeRows</c> reads it): <c>[type, strategy, repetition, task, kind,
/// time, wallMs, lane, detail]</c> for tasks, plus <c>taskCount, wallSeconds, outcome</c> for strategy
/// events (strategy-completed rows then the threads of tasks that moved, and each measured task's
/// split <c>[task, cpu, ready, transfer]</c>); task rows of the cluster strategy add <c>node</c> (the silo name) after detail; counter
/// rows add <c>process, [cpu, user, system, threads, poolQueue]</c> (the counter strip's plot, which
/// the module draws on the timeline's scale); tally rows (a large run's tasks counted per time bucket,
/// task = the bucket's index, time = its start) add <c>width, started, ok, failed, cancelled</c> after
/// detail. type: 0 strategy-started, 1 task, 2 strategy-completed, 3 counters, 4 tally. kind: 0 queued, 1 started, 2 progress, 3 completed, 4 failed, 5 cancelled.
/// </remarks>
public static class TimelinePayload
{
    /// <summary>Details are tooltips: long ones (a scraped page's summary) are cut to keep batches small.</summary>
    public const int MaxDetailLength = 300;

    /// <summary>Events per interop call: a 10,000-event burst goes over in slices the browser digests between frames.</summary>
    public const int MaxEventsPerCall = 2_000;

    /// <summary>Threads listed per task at most (the engine keeps 256): enough to draw its hops, bounded per batch.</summary>
    public const int MaxThreadsPerTask = 64;

    /// <summary>A strategy-completed row lists its tasks' threads and splits only up to this many tasks (the default aggregation threshold).</summary>
    public const int MaxTasksWithDetails = Runs.Lifecycle.RunServiceOptions.DefaultAggregateAbove;

    public static string Write(IReadOnlyList<WireEvent> events, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, events.Count);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, count * 72));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = offset; i < offset + count; i++)
            {
                if (events[i] is { Type: WireEventConverter.CountersType, Counters: { } sample } counters)
                {
                    WriteCounters(writer, counters, sample);
                }
                else if (events[i] is { Type: WireEventConverter.TallyType, Tally: { } tally } tallied)
                {
                    WriteTally(writer, tallied, tally);
                }
                else if (events[i].Type is not (WireEventConverter.CountersType or WireEventConverter.TallyType))
                {
                    WriteRow(writer, events[i]);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteRow(Utf8JsonWriter writer, WireEvent e)
    {
        var type = e.Type switch
        {
            WireEventConverter.StrategyStartedType => 0,
            WireEventConverter.TaskType => 1,
            WireEventConverter.StrategyCompletedType => 2,
            _ => -1,
        };
        writer.WriteStartArray();
        writer.WriteNumberValue(type);
        writer.WriteStringValue(e.Strategy);
        writer.WriteNumberValue(e.Repetition);
        writer.WriteNumberValue(e.Task);
        writer.WriteNumberValue(KindCode(e.Kind));
        // Microseconds and tenths of a millisecond are finer than any pixel; shorter numbers, smaller batches.
        writer.WriteNumberValue(Math.Round(e.Time, 6));
        writer.WriteNumberValue(Math.Round(e.WallMs, 1));
        WriteNullable(writer, e.Lane);
        WriteNullable(writer, e.Detail is { Length: > MaxDetailLength } ? string.Concat(e.Detail.AsSpan(0, MaxDetailLength), "…") : e.Detail);
        if (type == 1 && e.Node is { } node)
        {
            writer.WriteStringValue(node);
        }

        if (type != 1)
        {
            if (e.TaskCount is { } taskCount)
            {
                writer.WriteNumberValue(taskCount);
            }
            else
            {
                writer.WriteNullValue();
            }

            if (e.Result is { } result)
            {
                writer.WriteNumberValue(Math.Round(result.WallSeconds, 6));
                writer.WriteStringValue(result.Cancelled ? "cancelled" : result.Succeeded ? "ok" : "failed");
                // A large run's tasks are drawn as tallies: their threads and splits would be megabytes no bar uses.
                IReadOnlyList<Engine.Running.TaskSpan> spans = result.Spans.Count <= MaxTasksWithDetails ? result.Spans : [];
                WriteThreads(writer, spans);
                WriteSplits(writer, spans);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteCounters(Utf8JsonWriter writer, WireEvent e, Engine.Running.CounterSample sample)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(3);
        writer.WriteStringValue(e.Strategy);
        writer.WriteNumberValue(e.Repetition);
        writer.WriteNumberValue(-1);
        writer.WriteNumberValue(-1);
        writer.WriteNumberValue(Math.Round(sample.T, 6));
        writer.WriteNumberValue(Math.Round(e.WallMs, 1));
        writer.WriteNullValue();
        writer.WriteNullValue();
        writer.WriteNumberValue(sample.Process);
        writer.WriteStartArray();
        writer.WriteNumberValue(Math.Round(sample.CpuPercent, 1));
        writer.WriteNumberValue(Math.Round(sample.CpuUserPercent, 1));
        writer.WriteNumberValue(Math.Round(sample.CpuSystemPercent, 1));
        writer.WriteNumberValue(sample.Threads);
        writer.WriteNumberValue(sample.PoolQueue);
        if (sample.BytesPerTask is { } perTask)
        {
            writer.WriteNumberValue(Math.Round(perTask));
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    private static void WriteTally(Utf8JsonWriter writer, WireEvent e, TaskTally tally)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(4);
        writer.WriteStringValue(e.Strategy);
        writer.WriteNumberValue(e.Repetition);
        writer.WriteNumberValue(e.Task);
        writer.WriteNumberValue(-1);
        writer.WriteNumberValue(Math.Round(e.Time, 6));
        writer.WriteNumberValue(Math.Round(e.WallMs, 1));
        writer.WriteNullValue();
        writer.WriteNullValue();
        writer.WriteNumberValue(tally.Width);
        writer.WriteNumberValue(tally.Started);
        writer.WriteNumberValue(tally.Ok);
        writer.WriteNumberValue(tally.Failed);
        writer.WriteNumberValue(tally.Cancelled);
        writer.WriteEndArray();
    }

    private static void WriteThreads(Utf8JsonWriter writer, IReadOnlyList<Engine.Running.TaskSpan> spans)
    {
        writer.WriteStartArray();
        foreach (var span in spans)
        {
            if (span.Threads is not { Count: > 1 } threads)
            {
                continue;
            }

            writer.WriteStartArray();
            writer.WriteNumberValue(span.Task);
            for (var i = 0; i < Math.Min(threads.Count, MaxThreadsPerTask); i++)
            {
                writer.WriteNumberValue(threads[i]);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Where each measured task's time went: [task, cpu, ready, transfer or null], seconds to the microsecond.</summary>
    private static void WriteSplits(Utf8JsonWriter writer, IReadOnlyList<Engine.Running.TaskSpan> spans)
    {
        writer.WriteStartArray();
        foreach (var span in spans)
        {
            if (span.Cpu is not { } cpu)
            {
                continue;
            }

            writer.WriteStartArray();
            writer.WriteNumberValue(span.Task);
            writer.WriteNumberValue(Math.Round(cpu, 6));
            writer.WriteNumberValue(Math.Round(span.Ready ?? 0, 6));
            if (span.Transfer is { } transfer)
            {
                writer.WriteNumberValue(Math.Round(transfer, 6));
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static int KindCode(string? kind) => kind?.ToLowerInvariant() switch
    {
        "queued" => 0,
        "started" => 1,
        "progress" => 2,
        "completed" => 3,
        "failed" => 4,
        "cancelled" => 5,
        _ => -1,
    };

    private static void WriteNullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
