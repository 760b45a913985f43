using System.Globalization;
using System.Text.Json;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>
/// Causality in the trace: a task that moved between threads (an await that resumed elsewhere)
/// has its segments drawn on one "segments" track per (strategy, process, thread), and each move
/// is a flow from the segment it left to the one it resumed in ("ph":"s" at the end of the first,
/// "ph":"f" with "bp":"e" at the start of the next, one id per move), so Perfetto draws the arrow.
/// Tasks that never left their thread add nothing.
/// </summary>
internal static class ChromeTraceFlows
{
    /// <summary>Writes the segment tracks' names, the segments and the flows between them.</summary>
    public static void Write(RunSummary run, Utf8JsonWriter writer, ChromeTraceLayout layout)
    {
        var tracks = new Dictionary<(string Strategy, int Pid, int Thread), int>();
        var nextTid = Math.Max(layout.Tracks.Count == 0 ? 0 : layout.Tracks.Max(t => t.Tid), layout.RepetitionTid) + 1;
        var flow = 0L;
        for (var r = 0; r < run.Results.Count; r++)
        {
            var result = run.Results[r];
            var origin = layout.RepetitionStartNs[r];
            foreach (var span in result.Spans)
            {
                if (span.Segments is not { Count: > 1 } segments)
                {
                    continue;
                }

                var pid = span.Lane.ProcessId;
                (long Start, long End, int Tid)? previous = null;
                foreach (var segment in segments)
                {
                    if (!tracks.TryGetValue((result.Strategy, pid, segment.Thread), out var tid))
                    {
                        while (layout.Pids.Contains(nextTid))
                        {
                            nextTid++;
                        }

                        tid = nextTid++;
                        tracks[(result.Strategy, pid, segment.Thread)] = tid;
                        Name(writer, pid, tid, string.Create(CultureInfo.InvariantCulture, $"{result.Strategy} · segments · thread {segment.Thread}"));
                    }

                    var start = origin + ChromeTrace.Nanoseconds(segment.Start);
                    var end = Math.Max(start + 2, origin + ChromeTrace.Nanoseconds(segment.End));
                    Segment(writer, pid, tid, start, end, result.Strategy, result.Repetition, span.Task, segment.Thread);
                    if (previous is { } from && from.Tid != tid)
                    {
                        flow++;
                        Flow(writer, "s", flow, pid, from.Tid, from.End - 1);
                        Flow(writer, "f", flow, pid, tid, Math.Max(start + 1, from.End));
                    }

                    previous = (start, end, tid);
                }

                StreamedExport.FlushEvery64KiB(writer);
            }
        }
    }

    private static void Name(Utf8JsonWriter writer, int pid, int tid, string name)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "thread_name");
        writer.WriteString("ph", "M");
        writer.WriteNumber("pid", pid);
        writer.WriteNumber("tid", tid);
        writer.WriteStartObject("args");
        writer.WriteString("name", name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Segment(Utf8JsonWriter writer, int pid, int tid, long start, long end, string strategy, int repetition, int task, int thread)
    {
        writer.WriteStartObject();
        writer.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"task {task}"));
        writer.WriteString("cat", "segment");
        writer.WriteString("ph", "X");
        writer.WriteNumber("ts", Microseconds(start));
        writer.WriteNumber("dur", Microseconds(end - start));
        writer.WriteNumber("pid", pid);
        writer.WriteNumber("tid", tid);
        writer.WriteStartObject("args");
        writer.WriteString("strategy", strategy);
        writer.WriteNumber("repetition", repetition);
        writer.WriteNumber("task", task);
        writer.WriteNumber("thread", thread);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Flow(Utf8JsonWriter writer, string phase, long id, int pid, int tid, long ts)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "resumed");
        writer.WriteString("cat", "hop");
        writer.WriteString("ph", phase);
        writer.WriteNumber("id", id);
        writer.WriteNumber("ts", Microseconds(ts));
        writer.WriteNumber("pid", pid);
        writer.WriteNumber("tid", tid);
        if (phase == "f")
        {
            // Bind to the slice enclosing ts (the segment it resumed in), not the next one to start.
            writer.WriteString("bp", "e");
        }

        writer.WriteEndObject();
    }

    private static decimal Microseconds(long nanoseconds) => nanoseconds / 1000m;
}
