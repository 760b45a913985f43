using System.Globalization;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// What one repetition of a strategy costs in wall time, priced by its shape rather than as if every
/// strategy ran its tasks one after another: waits overlap across the strategy's lanes (async about
/// one wait, threads one wait, a pool or parallel degree one wait per round, sequential the sum), CPU
/// work is shared by at most as many lanes as there are cores (one for async and for GIL-bound Python
/// twins). The lanes come from the strategy descriptors (<see cref="StrategyCatalog.Lanes"/>), the
/// waits and CPU from the workload descriptor's cost model (<see cref="WorkloadEstimate.WaitSeconds"/>).
/// </summary>
public static class StrategyCost
{
    /// <summary>The wall time of one repetition of <paramref name="key"/> (a strategy id, sweep point or Python twin key).</summary>
    /// <param name="key">The result key.</param>
    /// <param name="work">The workload's tasks one after another, in the key's runtime.</param>
    /// <param name="tasks">Tasks per repetition.</param>
    /// <param name="options">The plan's strategy knobs.</param>
    /// <param name="cores">The machine's cores.</param>
    /// <param name="fixedSeconds">A fixed start cost of the key's runtime (the Python interpreter), added once.</param>
    public static StrategyWall Wall(string key, WorkloadEstimate work, int tasks, StrategyOptions options, int cores, double fixedSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(work);
        tasks = Math.Max(0, tasks);
        cores = Math.Max(1, cores);
        var wait = Math.Clamp(work.WaitSeconds, 0, work.Seconds);
        var cpu = work.Seconds - wait;
        if (tasks == 0)
        {
            return new StrategyWall(key, fixedSeconds, 1, "no tasks");
        }

        var waitLanes = Math.Clamp(LanesOf(key, new LaneQuestion(options, cores, tasks, CpuBound: false), cores, tasks), 1, tasks);
        var cpuLanes = Math.Clamp(LanesOf(key, new LaneQuestion(options, cores, tasks, CpuBound: true), cores, tasks), 1, Math.Min(cores, tasks));
        var rounds = (int)Math.Ceiling(tasks / (double)waitLanes);
        var seconds = rounds * (wait / tasks) + cpu / cpuLanes + fixedSeconds;
        return new StrategyWall(key, seconds, waitLanes, Shape(tasks, waitLanes, rounds, wait / tasks, cpu, cpuLanes))
        {
            CpuLanes = cpuLanes,
            Rounds = rounds,
        };
    }

    /// <summary>The descriptor's lanes; where no model covers the key, the shape's own answer (awaits: every task; blocking pool threads: the cores a pool starts with).</summary>
    private static int LanesOf(string key, LaneQuestion question, int cores, int tasks)
    {
        if (StrategyCatalog.Lanes(key, question) is { } lanes)
        {
            return lanes;
        }

        var descriptor = StrategyCatalog.Find(StrategySizes.StrategyOf(PythonTwins.StrategyOf(key)));
        return descriptor?.Concurrency switch
        {
            Concurrency.Awaits => question.CpuBound ? cores : tasks,
            Concurrency.BlocksOnAsync or Concurrency.BlocksPoolThreads => cores,
            _ => 1,
        };
    }

    /// <summary>"100 tasks one after another", "100 tasks at once: about one wait", "100 tasks on 6 lanes: 17 rounds of 0.28 s".</summary>
    private static string Shape(int tasks, int lanes, int rounds, double waitPerTask, double cpu, int cpuLanes)
    {
        var text = (lanes, rounds) switch
        {
            (1, _) => string.Create(CultureInfo.InvariantCulture, $"{tasks:N0} task{(tasks == 1 ? "" : "s")} one after another"),
            (_, 1) => string.Create(CultureInfo.InvariantCulture, $"{tasks:N0} tasks at once"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{tasks:N0} tasks on {lanes:N0} lanes: {rounds:N0} rounds"),
        };
        if (lanes > 1 && waitPerTask > 0)
        {
            text += rounds == 1 ? ", about one wait" : string.Create(CultureInfo.InvariantCulture, $" of {Fmt(waitPerTask)} waits");
        }

        if (lanes > 1 && cpu > 0 && cpuLanes > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", CPU work on {cpuLanes} cores");
        }

        return text;
    }

    private static string Fmt(double seconds) => seconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.#} ms");
}
