using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Exports;

/// <summary>Counters and thread hops travel through the exports and reach the Explain panel.</summary>
public sealed class CounterExportTests
{
    private const int Pid = 4242;

    private static CounterSample Sample(double t, double user, double system, int threads, int poolThreads, long queue, int pid = Pid) =>
        new(t, pid, user + system, user, system, threads, poolThreads, queue, 1.5, 10 + t, 80);

    private static RunSummary Run(string strategy, IReadOnlyList<CounterSample> counters)
    {
        var spans = new[]
        {
            new TaskSpan(0, new Lane(Pid, 11), 0, 0.2, TaskStatus.Ok, "ok") { Threads = [11, 14, 11] },
            new TaskSpan(1, new Lane(Pid, 12), 0.01, 0.25, TaskStatus.Ok, "ok") { Threads = [12] },
        };
        var result = new StrategyResult(strategy, 0, 0.3, 0.2, 2, 2, 0, "ok", 1_000_000, spans) { Counters = counters };
        return new RunSummary(9, null, new RunPlan(new HelloParameters(Tasks: 2, DelayMs: 100), [strategy]), RunState.Completed,
            null, ExportTestRuns.Created, ExportTestRuns.Created, ExportTestRuns.Created.AddSeconds(1), null, [result]);
    }

    private static readonly CounterSample[] Starving =
    [
        Sample(0.05, 10, 2, 20, 2, 0),
        Sample(0.10, 5, 1, 24, 4, 60),
        Sample(0.15, 5, 1, 28, 8, 40),
        Sample(0.20, 5, 1, 30, 12, 0),
    ];

    [Fact]
    public void ChromeTrace_Counters_OneCounterEventPerTrackAndSample_OnTheSpansAxis()
    {
        using var document = JsonDocument.Parse(ChromeTrace.ToUtf8Bytes(Run(StrategyIds.Async, Starving)));

        var counters = document.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.GetProperty("ph").GetString() == "C").ToList();
        Assert.Equal(Starving.Length * 5, counters.Count);
        Assert.Equal(["cpu %", "gc pause ms", "memory MB", "pool queue", "threads"],
            counters.Select(c => c.GetProperty("name").GetString()).Distinct().Order());
        Assert.All(counters, c =>
        {
            Assert.Equal(Pid, c.GetProperty("pid").GetInt32());
            Assert.All(c.GetProperty("args").EnumerateObject(), a => Assert.Equal(JsonValueKind.Number, a.Value.ValueKind));
        });

        // The first repetition starts at ts 0, so a sample at 0.1 s sits at 100,000 µs.
        var queue = counters.Where(c => c.GetProperty("name").GetString() == "pool queue").ToList();
        Assert.Equal([50_000m, 100_000m, 150_000m, 200_000m], queue.Select(c => c.GetProperty("ts").GetDecimal()));
        Assert.Equal([0, 60, 40, 0], queue.Select(c => c.GetProperty("args").GetProperty("queue").GetInt32()));
        var cpu = counters.First(c => c.GetProperty("name").GetString() == "cpu %").GetProperty("args");
        Assert.Equal((10, 2), (cpu.GetProperty("user").GetDouble(), cpu.GetProperty("system").GetDouble()));
    }

    [Fact]
    public void RunJson_RoundTrip_KeepsCountersAndThreadHops()
    {
        var document = RunDocument.Create(Run(StrategyIds.Async, Starving), null, ExportTestRuns.Created);

        var json = RunJson.Serialize(document);
        var back = RunJson.Deserialize(json);

        Assert.Contains("\"counters\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"cpuSystemPercent\":", json, StringComparison.Ordinal);
        var result = Assert.Single(back.Run.Results);
        Assert.Equal(Starving, result.Counters);
        Assert.Equal([11, 14, 11], result.Spans[0].Threads);
        Assert.Equal([12], result.Spans[1].Threads);
    }

    [Fact]
    public void RunJson_TooManyCounterSamples_Refused()
    {
        var many = Enumerable.Range(0, CounterSample.MaxPerRepetition + 1).Select(i => Sample(i * 1e-5, 1, 1, 1, 1, 0)).ToArray();
        var json = RunJson.Serialize(RunDocument.Create(Run(StrategyIds.Async, many), null, ExportTestRuns.Created));

        var e = Assert.Throws<RunDocumentException>(() => RunJson.Deserialize(json));
        Assert.Contains("counters", e.Message, StringComparison.Ordinal);
    }
}
