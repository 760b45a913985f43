using System.Globalization;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Exports;

public sealed class ChromeTraceTests
{
    /// <summary>A parsed "X" event with exact decimal microseconds.</summary>
    private sealed record Complete(string Cat, string Name, decimal Ts, decimal Dur, int Pid, int Tid, JsonElement Args);

    private static (List<Complete> Events, Dictionary<int, string> Processes, Dictionary<(int, int), string> Threads) Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var events = new List<Complete>();
        var processes = new Dictionary<int, string>();
        var threads = new Dictionary<(int, int), string>();
        foreach (var e in document.RootElement.GetProperty("traceEvents").EnumerateArray())
        {
            var ph = e.GetProperty("ph").GetString();
            var pid = e.GetProperty("pid").GetInt32();
            if (ph == "M")
            {
                var name = e.GetProperty("name").GetString();
                if (name == "process_name")
                {
                    processes.Add(pid, e.GetProperty("args").GetProperty("name").GetString()!);
                }
                else if (name == "thread_name")
                {
                    threads.Add((pid, e.GetProperty("tid").GetInt32()), e.GetProperty("args").GetProperty("name").GetString()!);
                }

                continue;
            }

            Assert.Equal("X", ph);
            events.Add(new Complete(
                e.GetProperty("cat").GetString()!,
                e.GetProperty("name").GetString()!,
                e.GetProperty("ts").GetDecimal(),
                e.GetProperty("dur").GetDecimal(),
                pid,
                e.GetProperty("tid").GetInt32(),
                e.GetProperty("args").Clone()));
        }

        return (events, processes, threads);
    }

    [Fact]
    public void ToUtf8Bytes_MixedRun_HasEveryTaskExactlyOnceWithConsistentTimes()
    {
        var run = ExportTestRuns.Mixed();

        var (events, _, _) = Read(ChromeTrace.ToUtf8Bytes(run));

        var repetitions = events.Where(e => e.Cat == "repetition").ToArray();
        var tasks = events.Where(e => e.Cat == "task").ToArray();
        Assert.Equal(run.Results.Count, repetitions.Length);
        Assert.Equal(run.Results.Sum(r => r.Spans.Count), tasks.Length);

        // Repetitions: in execution order, first at 0, none overlapping the next.
        Assert.Equal(0m, repetitions[0].Ts);
        for (var i = 0; i < run.Results.Count; i++)
        {
            Assert.Equal(run.Results[i].Strategy, repetitions[i].Args.GetProperty("strategy").GetString());
            Assert.Equal(run.Results[i].Repetition, repetitions[i].Args.GetProperty("repetition").GetInt32());
            // A repetition lasts its wall time, or longer when a span ends after it (the fixture's processes do).
            var extent = Math.Max(run.Results[i].WallSeconds, run.Results[i].Spans.Max(s => s.End));
            Assert.Equal((decimal)extent * 1_000_000m, repetitions[i].Dur, 3);
            if (i > 0)
            {
                Assert.True(repetitions[i].Ts >= repetitions[i - 1].Ts + repetitions[i - 1].Dur);
            }
        }

        var byKey = tasks.ToDictionary(t => (
            t.Args.GetProperty("strategy").GetString()!,
            t.Args.GetProperty("repetition").GetInt32(),
            t.Args.GetProperty("task").GetInt32()));
        for (var r = 0; r < run.Results.Count; r++)
        {
            var result = run.Results[r];
            foreach (var span in result.Spans)
            {
                var e = byKey[(result.Strategy, result.Repetition, span.Task)];

                // Microseconds from the repetition's start, to the nanosecond.
                Assert.Equal(Math.Round(span.Start * 1e6, 3), (double)(e.Ts - repetitions[r].Ts), 3);
                Assert.Equal(Math.Round((span.End - span.Start) * 1e6, 3), (double)e.Dur, 2);
                Assert.Equal(span.Lane.ProcessId, e.Pid);
                Assert.Equal(span.Lane.ToString(), e.Args.GetProperty("lane").GetString());
                Assert.Equal($"task {span.Task}", e.Name);
            }
        }
    }

    [Fact]
    public void ToUtf8Bytes_MixedRun_NoTwoEventsOverlapOnOneTrack()
    {
        var (events, _, _) = Read(ChromeTrace.ToUtf8Bytes(ExportTestRuns.Mixed()));

        AssertNoOverlap(events);
    }

    [Fact]
    public void ToUtf8Bytes_OverlappingAsyncSpans_GetOwnTracksNamedAfterTheirLane()
    {
        var run = ExportTestRuns.Mixed();

        var (events, processes, threads) = Read(ChromeTrace.ToUtf8Bytes(run));

        // Async's 4 tasks all overlap, two per thread (1 and 9): two tracks per thread.
        var asyncTracks = events.Where(e => e.Cat == "task" && e.Args.GetProperty("strategy").GetString() == "async")
            .Select(e => threads[(e.Pid, e.Tid)]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["async · thread 1", "async · thread 1 · overlap 2", "async · thread 9", "async · thread 9 · overlap 2"],
            asyncTracks);

        // Thread 1 ran sequential too: a separate, differently named track.
        var sequentialTracks = events.Where(e => e.Cat == "task" && e.Args.GetProperty("strategy").GetString() == "sequential")
            .Select(e => (e.Pid, e.Tid)).Distinct().ToArray();
        Assert.Equal("sequential · main 1", threads[Assert.Single(sequentialTracks)]);

        // Every track and process used has a name.
        Assert.All(events, e => Assert.True(threads.ContainsKey((e.Pid, e.Tid)), $"no thread_name for {e.Pid}/{e.Tid}"));
        Assert.All(events, e => Assert.True(processes.ContainsKey(e.Pid), $"no process_name for {e.Pid}"));
        Assert.Equal($"dashboard {ExportTestRuns.HostPid}", processes[ExportTestRuns.HostPid]);
        Assert.Equal("worker 5000", processes[5000]);
        Assert.Contains("processes · worker 5000 thread 1", threads.Values);
        Assert.Contains("repetitions", threads.Values);
    }

    [Fact]
    public void ToUtf8Bytes_LargeOverlappingRun_UsesAsFewTracksAsOverlapNeeds()
    {
        // 1,000 async tasks each 0.1 s long, started 10 µs apart on 4 threads: at any instant all
        // 1,000 overlap, so 250 tracks per thread; sequential needs exactly one.
        var run = ExportTestRuns.Large(1_000, 4);

        var (events, _, threads) = Read(ChromeTrace.ToUtf8Bytes(run));

        var tasks = events.Where(e => e.Cat == "task").ToArray();
        Assert.Equal(2_000, tasks.Length);
        AssertNoOverlap(events);
        var asyncTracks = tasks.Where(t => t.Args.GetProperty("strategy").GetString() == "async").Select(t => (t.Pid, t.Tid)).Distinct().Count();
        var sequentialTracks = tasks.Where(t => t.Args.GetProperty("strategy").GetString() == "sequential").Select(t => (t.Pid, t.Tid)).Distinct().Count();
        Assert.Equal(1_000, asyncTracks);
        Assert.Equal(1, sequentialTracks);
        Assert.Equal(asyncTracks + sequentialTracks + 1, threads.Count);
    }

    [Fact]
    public async Task Write_StreamedThroughAPipe_WritesTheSameBytes()
    {
        var run = ExportTestRuns.Mixed();
        using var stream = new MemoryStream();

        await StreamedExport.WriteAsync(stream, pipe => ChromeTrace.Write(run, pipe), CancellationToken.None);

        Assert.Equal(ChromeTrace.ToUtf8Bytes(run), stream.ToArray());
    }

    [Fact]
    public void ToUtf8Bytes_RunWithoutResults_IsAnEmptyButValidTrace()
    {
        var queued = ExportTestRuns.Mixed() with { State = RunState.Queued, Results = [] };

        var (events, processes, _) = Read(ChromeTrace.ToUtf8Bytes(queued));

        Assert.Empty(events);
        Assert.Single(processes);
    }

    private static void AssertNoOverlap(List<Complete> events)
    {
        foreach (var track in events.GroupBy(e => (e.Pid, e.Tid)))
        {
            var ordered = track.OrderBy(e => e.Ts).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                Assert.True(
                    ordered[i].Ts >= ordered[i - 1].Ts + ordered[i - 1].Dur,
                    string.Create(CultureInfo.InvariantCulture, $"track {track.Key}: {ordered[i - 1].Name} ends at {ordered[i - 1].Ts + ordered[i - 1].Dur}, {ordered[i].Name} starts at {ordered[i].Ts}"));
            }
        }
    }
}
