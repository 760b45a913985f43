using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Exports;

/// <summary>Causality in the trace: a task's segments across threads, linked by flow events that pair up.</summary>
public sealed class ChromeTraceFlowTests
{
    private sealed record Slice(decimal Ts, decimal End, int Pid, int Tid, JsonElement Args);

    private sealed record FlowEnd(string Ph, long Id, decimal Ts, int Pid, int Tid, string? Bp);

    private static (List<Slice> Segments, List<FlowEnd> Flows, JsonElement? FirstTaskArgs) Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var segments = new List<Slice>();
        var flows = new List<FlowEnd>();
        JsonElement? taskArgs = null;
        foreach (var e in document.RootElement.GetProperty("traceEvents").EnumerateArray())
        {
            var ph = e.GetProperty("ph").GetString()!;
            if (ph is "s" or "f")
            {
                flows.Add(new FlowEnd(ph, e.GetProperty("id").GetInt64(), e.GetProperty("ts").GetDecimal(), e.GetProperty("pid").GetInt32(),
                    e.GetProperty("tid").GetInt32(), e.TryGetProperty("bp", out var bp) ? bp.GetString() : null));
            }
            else if (ph == "X" && e.GetProperty("cat").GetString() == "segment")
            {
                var ts = e.GetProperty("ts").GetDecimal();
                segments.Add(new Slice(ts, ts + e.GetProperty("dur").GetDecimal(), e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32(), e.GetProperty("args").Clone()));
            }
            else if (ph == "X" && e.GetProperty("cat").GetString() == "task")
            {
                taskArgs ??= e.GetProperty("args").Clone();
            }
        }

        return (segments, flows, taskArgs);
    }

    /// <summary>Every flow id has one start and one finish, the finish binds to its enclosing slice, and each end sits inside a segment on its track.</summary>
    private static void AssertFlowsPairUp(List<Slice> segments, List<FlowEnd> flows)
    {
        foreach (var pair in flows.GroupBy(f => f.Id))
        {
            var ends = pair.ToList();
            Assert.Equal(2, ends.Count);
            var start = Assert.Single(ends, f => f.Ph == "s");
            var finish = Assert.Single(ends, f => f.Ph == "f");
            Assert.Equal("e", finish.Bp);
            Assert.True(start.Ts <= finish.Ts, $"flow {pair.Key} goes back in time");
            Assert.NotEqual(start.Tid, finish.Tid);
            Assert.Contains(segments, s => s.Pid == start.Pid && s.Tid == start.Tid && s.Ts <= start.Ts && start.Ts <= s.End);
            Assert.Contains(segments, s => s.Pid == finish.Pid && s.Tid == finish.Tid && s.Ts <= finish.Ts && finish.Ts <= s.End);
        }
    }

    [Fact]
    public void TaskOnThreeThreads_TwoFlowsThatPairUp_OnePerHop()
    {
        var span = new TaskSpan(0, new Lane(4242, 7), 0.1, 0.5, TaskStatus.Ok, "ok")
        {
            Threads = [7, 9, 11],
            Cpu = 0.05,
            Ready = 0.01,
            Segments = [new(7, 0.1, 0.12), new(9, 0.3, 0.31), new(11, 0.49, 0.5)],
        };
        var stayed = new TaskSpan(1, new Lane(4242, 7), 0.12, 0.2, TaskStatus.Ok, "ok") { Cpu = 0.08, Ready = 0 };
        var result = new StrategyResult(StrategyIds.Async, 0, 0.5, 0.1, 3, 2, 0, "ok", 1, [span, stayed]);
        var run = new RunSummary(1, null, new RunPlan(new HelloParameters(2, "x", 100), [StrategyIds.Async]), RunState.Completed,
            null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, [result]);

        var (segments, flows, args) = Read(ChromeTrace.ToUtf8Bytes(run));

        Assert.Equal(3, segments.Count);
        Assert.Equal([7, 9, 11], segments.Select(s => s.Args.GetProperty("thread").GetInt32()));
        Assert.Equal(3, segments.Select(s => s.Tid).Distinct().Count());
        Assert.Equal(4, flows.Count);
        AssertFlowsPairUp(segments, flows);
        Assert.Equal(0.05, args!.Value.GetProperty("cpu").GetDouble());
        Assert.Equal(0.34, args.Value.GetProperty("wait").GetDouble(), 6);
    }

    [Fact]
    public async Task RealAsyncRun_TasksThatHopped_FlowsPairUpInsideTheirSegments()
    {
        var folder = Directory.CreateTempSubdirectory("flows-").FullName;
        try
        {
            var run = new LabRunner(new LabRunnerOptions()).Start(new RunPlan(new HelloParameters(20, "x", 30), [StrategyIds.Async]),
                new WorkloadEnvironment("http://127.0.0.1:9/sim/", folder), CancellationToken.None);
            await foreach (var _ in run.Events)
            {
            }

            var result = await run.Completion.WaitAsync(TimeSpan.FromMinutes(2));
            var summary = new RunSummary(2, null, new RunPlan(new HelloParameters(20, "x", 30), [StrategyIds.Async]), RunState.Completed,
                null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, result.Results);
            var hops = result.Results[0].Spans.Where(s => s.Segments is not null)
                .Sum(s => s.Segments!.Zip(s.Segments!.Skip(1)).Count(p => p.First.Thread != p.Second.Thread));

            var (segments, flows, _) = Read(ChromeTrace.ToUtf8Bytes(summary));

            Assert.True(hops > 0, "Task.Delay resumes on a pool thread: some task hopped");
            Assert.Equal(2 * hops, flows.Count);
            AssertFlowsPairUp(segments, flows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
