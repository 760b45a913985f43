using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Exports;

/// <summary>Runs shaped like the real strategies' output: one lane, many lanes, overlapping async spans, worker processes.</summary>
internal static class ExportTestRuns
{
    public const int HostPid = 4242;

    public static readonly DateTimeOffset Created = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// hello, 4 tasks, sequential / threads / async / processes, 1 warmup + 2 repetitions, executed
    /// interleaved. Async runs all 4 tasks overlapping on two threads; task 2 of threads fails
    /// with a detail holding a comma, a quote and a line break.
    /// </summary>
    public static RunSummary Mixed(string? label = "lab, \"one\" | two")
    {
        var results = new List<StrategyResult>();
        foreach (var repetition in new[] { -1, 0, 1 })
        {
            var jitter = repetition * 0.01;
            results.Add(Sequential(repetition, 0.4 + jitter));
            results.Add(Threads(repetition, 0.12 + jitter));
            results.Add(Async(repetition, 0.11 + jitter));
            results.Add(Processes(repetition, 0.25 + jitter));
        }

        return new RunSummary(
            7,
            label,
            new RunPlan(new HelloParameters(Tasks: 4, DelayMs: 100), [StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.Async, StrategyIds.Processes], Repeat: 2, Warmup: 1),
            RunState.Completed,
            null,
            Created,
            Created.AddSeconds(1),
            Created.AddSeconds(5),
            null,
            results);
    }

    /// <summary>One strategy repetition of <paramref name="tasks"/> async tasks, all overlapping, on <paramref name="threads"/> threads.</summary>
    public static RunSummary Large(int tasks, int threads)
    {
        var spans = new TaskSpan[tasks];
        for (var i = 0; i < tasks; i++)
        {
            spans[i] = new TaskSpan(i, new Lane(HostPid, 10 + (i % threads)), i * 1e-5, 0.1 + (i * 1e-5), TaskStatus.Ok, "Hello, Robert");
        }

        var sequential = new TaskSpan[tasks];
        for (var i = 0; i < tasks; i++)
        {
            sequential[i] = new TaskSpan(i, new Lane(HostPid, 1), i * 0.1, (i + 1) * 0.1, TaskStatus.Ok);
        }

        StrategyResult[] results =
        [
            new(StrategyIds.Sequential, 0, tasks * 0.1, tasks * 0.001, 1, tasks, 0, "ok", 1 << 20, sequential),
            new(StrategyIds.Async, 0, 0.1 + (tasks * 1e-5), 0.5, threads, tasks, 0, "ok", 1 << 20, spans),
        ];
        return new RunSummary(
            99, null, new RunPlan(new HelloParameters(Tasks: tasks, DelayMs: 100), [StrategyIds.Sequential, StrategyIds.Async]),
            RunState.Completed, null, Created, Created, Created.AddSeconds(10), null, results);
    }

    private static StrategyResult Sequential(int repetition, double wall)
    {
        var step = wall / 4;
        var spans = Enumerable.Range(0, 4)
            .Select(i => new TaskSpan(i, new Lane(HostPid, 1), i * step, (i + 1) * step, TaskStatus.Ok, $"Hello {i}"))
            .ToArray();
        return new StrategyResult(StrategyIds.Sequential, repetition, wall, wall * 0.05, 1, 4, 0, "ok", 50_000_000, spans);
    }

    private static StrategyResult Threads(int repetition, double wall)
    {
        var spans = Enumerable.Range(0, 4)
            .Select(i => new TaskSpan(
                i, new Lane(HostPid, 20 + i), 0.001 * i, wall - 0.001,
                i == 2 ? TaskStatus.Failed : TaskStatus.Ok,
                i == 2 ? "HTTP 503, \"busy\"\nretry later" : null))
            .ToArray();
        return new StrategyResult(StrategyIds.Threads, repetition, wall, wall * 0.1, 4, 3, 1, "ok", 60_000_000, spans);
    }

    private static StrategyResult Async(int repetition, double wall)
    {
        // All four overlap; tasks 0 and 2 started on thread 1 (the sequential strategy's thread too), 1 and 3 on thread 9.
        var spans = Enumerable.Range(0, 4)
            .Select(i => new TaskSpan(i, new Lane(HostPid, i % 2 == 0 ? 1 : 9), 0.0001 * i, wall - (0.0001 * (3 - i)), TaskStatus.Ok))
            .ToArray();
        return new StrategyResult(StrategyIds.Async, repetition, wall, wall * 0.1, 2, 4, 0, "ok", 55_000_000, spans);
    }

    private static StrategyResult Processes(int repetition, double wall)
    {
        // Two fresh worker processes per repetition, each running two tasks one after the other.
        var basePid = 5000 + (repetition + 1) * 10;
        var spans = Enumerable.Range(0, 4)
            .Select(i => new TaskSpan(i, new Lane(basePid + (i % 2), 1), 0.05 + ((i / 2) * 0.1), 0.15 + ((i / 2) * 0.1), i == 3 ? TaskStatus.Cancelled : TaskStatus.Ok))
            .ToArray();
        return new StrategyResult(StrategyIds.Processes, repetition, wall, wall * 0.5, 2, 3, 0, "ok", 70_000_000, spans);
    }
}
