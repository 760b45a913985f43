using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// Runs shaped like a real hello async run, for size and speed figures: times on the monotonic
/// clock's nanosecond grid with jitter, a handful of pool threads, CPU and ready seconds, a hop
/// from the starting thread to a continuation thread, and the greeting as detail. Seeded, so
/// every benchmark stores the same bytes. <see cref="TestRuns"/> are too regular to say how well
/// spans compress.
/// </summary>
internal static class RealisticRuns
{
    public static RunSummary Finished(long id, int tasks, int seed = 7)
    {
        var plan = TestRuns.HelloPlan(tasks: tasks, repeat: 1, StrategyIds.Async) with { Warmup = 0 };
        var result = Result(StrategyIds.Async, 0, tasks, seed);
        return new RunSummary(
            id, null, plan, RunState.Completed, null, TestRuns.Created.AddMinutes(id), TestRuns.Created.AddMinutes(id).AddSeconds(1),
            TestRuns.Created.AddMinutes(id).AddSeconds(30), null, [result]);
    }

    public static StrategyResult Result(string strategy, int repetition, int tasks, int seed = 7)
    {
        var random = new Random(seed);
        var spans = new TaskSpan[tasks];
        var pid = 4_000 + random.Next(1_000);
        for (var i = 0; i < tasks; i++)
        {
            // Started about 3 µs apart on one of 8 pool threads, a 1 s wait, resumed on another.
            var startNs = (i * 3_000L) + random.Next(2_000);
            var endNs = startNs + 1_000_000_000L + random.Next(50_000_000);
            var first = 10 + random.Next(8);
            var second = 10 + random.Next(8);
            var cpuNs = 15_000 + random.Next(40_000);
            var readyNs = random.Next(200_000);
            var failed = random.Next(1_000) == 0;
            spans[i] = new TaskSpan(
                i,
                new Lane(pid, first),
                Seconds(startNs),
                Seconds(endNs),
                failed ? TaskStatus.Failed : TaskStatus.Ok,
                failed ? "HttpRequestException: connection refused" : "Hello, Robert Paulson!")
            {
                Threads = first == second ? [first] : [first, second],
                Cpu = Seconds(cpuNs),
                Ready = Seconds(readyNs),
                Segments = first == second ? null : [new TaskSegment(first, Seconds(startNs), Seconds(startNs + 20_000)), new TaskSegment(second, Seconds(endNs - 20_000), Seconds(endNs))],
            };
        }

        var failedCount = spans.Count(s => s.Status == TaskStatus.Failed);
        return new StrategyResult(strategy, repetition, 1.35, 0.9, 8, tasks - failedCount, failedCount, "ok", 200_000_000, spans);
    }

    // As MonotonicClock does: nanosecond ticks divided into seconds.
    private static double Seconds(long nanoseconds) => nanoseconds / 1e9;
}
