using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>
/// Says in plain words what one run's measured figures show. Every number in a sentence comes
/// from the input; a sentence appears only when the figures support it.
/// </summary>
public static class RunExplainer
{
    // A strategy counts as "faster" only past this speedup: repetitions on a shared machine wobble
    // by a few percent, and 1.05x is noise, not a lesson.
    private const double Meaningful = 1.2;

    // CPU time / wall time of a single-lane run: below IoRatio it mostly waited, above CpuRatio it
    // mostly computed.
    private const double IoRatio = 0.3;
    private const double CpuRatio = 0.7;

    /// <summary>The sentences, in reading order; empty when nothing finished.</summary>
    public static IReadOnlyList<string> Explain(ExplainInput input)
    {
        var sentences = new List<string>();
        var done = input.Strategies.Where(s => !s.Cancelled && s.TasksOk > 0 && s.MedianWallSeconds > 0).ToList();
        if (done.Count == 0)
        {
            return sentences;
        }

        var tasks = input.Parameters.TaskCount;
        var byId = done.ToDictionary(s => s.Strategy, StringComparer.Ordinal);
        byId.TryGetValue(StrategyIds.Sequential, out var sequential);

        var measured = Nature(input.Kind, done, sequential, sentences);
        Fastest(done, sequential, tasks, sentences);
        if (measured == Measured.Cpu)
        {
            CpuBound(byId, input.Cores, sentences);
        }
        else
        {
            Waits(byId, input, tasks, sentences);
        }

        ProcessStart(byId, input.Options.ProcessCount ?? input.Cores, measured, sentences);
        Runtimes(byId, measured, input.Parameters.Workload, sentences);
        ClusterCost(byId, tasks, sentences);
        Limits(input, byId, sequential, sentences);
        Problems(input.Strategies, tasks, sentences);
        Modes(done, sentences);
        CounterExplainer.Explain(input, sentences);
        ScalingExplainer.Explain(input, sentences);
        if (done.Any(s => s.Repetitions > 1))
        {
            sentences.Add($"Times are medians of {done.Max(s => s.Repetitions)} repetitions per strategy.");
        }

        return sentences;
    }

    // Which strategies reached their limit, and for the others what the figures say held them back.
    private static void Limits(ExplainInput input, Dictionary<string, StrategyFigures> byId, StrategyFigures? sequential, List<string> sentences)
    {
        var limits = (input.Limits ?? []).Where(l => l.OfLimit is not null && byId.ContainsKey(l.Strategy)).ToList();
        if (limits.Count == 0)
        {
            return;
        }

        var cpu = limits[0].Bound == StrategyLimits.CpuBound;
        var what = cpu ? "CPU limit" : "latency bound";
        var reached = limits.Where(l => l.OfLimit >= StrategyLimits.Reached).OrderByDescending(l => l.OfLimit).ToList();
        if (reached.Count > 0)
        {
            sentences.Add($"At the {what} ({Fmt.Percent(StrategyLimits.Reached)} or more): " +
                string.Join(", ", reached.Select(l => $"{StrategyText.Name(l.Strategy)} {Fmt.Percent(l.OfLimit!.Value)}")) + ".");
        }

        var work = sequential?.MedianCpuSeconds ?? byId.Values.Where(f => f.MedianCpuSeconds > 0).Select(f => f.MedianCpuSeconds).DefaultIfEmpty(0).Min();
        foreach (var limit in limits.Where(l => l.OfLimit < StrategyLimits.Reached).OrderBy(l => l.OfLimit))
        {
            var f = byId[limit.Strategy];
            sentences.Add($"{Capital(StrategyText.Name(limit.Strategy))} reached {Fmt.Percent(limit.OfLimit!.Value)} of its {what} " +
                $"({Fmt.Seconds(limit.LimitSeconds)}: {limit.Basis}): {HeldBack(limit, f, work, cpu)}.");
        }
    }

    private static string HeldBack(StrategyLimit limit, StrategyFigures f, double work, bool cpu)
    {
        var busy = f.MedianWallSeconds > 0 ? f.MedianCpuSeconds / f.MedianWallSeconds : 0;
        if (cpu)
        {
            if (work > 0 && f.MedianCpuSeconds > work * 1.1)
            {
                return $"it spent {Fmt.Seconds(f.MedianCpuSeconds)} of CPU, {Fmt.Percent((f.MedianCpuSeconds / work) - 1)} more than sequential's " +
                       $"{Fmt.Seconds(work)} (threads, copies, worker processes cost CPU of their own)";
            }

            return busy < limit.Lanes * 0.9
                ? string.Create(CultureInfo.InvariantCulture,
                    $"on average {busy:0.00} of its {limit.Lanes} lanes were computing; the rest of the time they waited (start-up, an uneven split, or other programs on this machine)")
                : "its lanes were busy throughout, so other programs on this machine or shared caches and memory took the difference";
        }

        var over = f.MedianWallSeconds - limit.LimitSeconds;
        return busy >= 0.5
            ? $"it spent {Fmt.Seconds(f.MedianCpuSeconds)} of CPU in {Fmt.Seconds(f.MedianWallSeconds)}: handling the responses and files, not the waits, set the pace"
            : $"{Fmt.Seconds(Math.Max(0, over))} over the bound went to starting tasks, queuing and the responses' handling ({Fmt.Seconds(f.MedianCpuSeconds)} of CPU)";
    }

    // BenchmarkDotNet's kind of caution: a median of task durations that fall into groups hides the groups.
    private static void Modes(List<StrategyFigures> done, List<string> sentences)
    {
        foreach (var figures in done.Where(s => s.TaskDurationMValue > RunStatistics.BimodalMValue))
        {
            sentences.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{Capital(StrategyText.Name(figures.Strategy))}'s task durations fall into groups (mvalue {figures.TaskDurationMValue:0.0}): some tasks took much longer than others, which one median does not show."));
        }
    }

    private enum Measured
    {
        Io,
        Cpu,
        Mixed,
    }

    private static Measured Nature(WorkloadKind kind, List<StrategyFigures> done, StrategyFigures? sequential, List<string> sentences)
    {
        if (sequential is not null)
        {
            var ratio = sequential.MedianCpuSeconds / sequential.MedianWallSeconds;
            var cpu = Fmt.Seconds(sequential.MedianCpuSeconds);
            var wall = Fmt.Seconds(sequential.MedianWallSeconds);
            if (kind == WorkloadKind.CpuBound && ratio <= CpuRatio)
            {
                // Computing work that got little CPU did not wait on I/O: other processes held the cores.
                sentences.Add($"This work only computes, yet sequential had the CPU for just {cpu} of its {wall} " +
                    $"({Fmt.Percent(ratio)}): other work on this machine held the cores, so these timings are noisy; " +
                    "run it again on a quieter machine or with more repetitions.");
                return Measured.Cpu;
            }

            if (kind == WorkloadKind.IoBound && ratio >= IoRatio && ratio <= CpuRatio)
            {
                // Waiting work that shows CPU: the meter counts the whole process, including the
                // dashboard streaming this very run; with few short tasks that share is visible.
                sentences.Add($"This run was I/O-bound: its tasks wait. Sequential took {wall} while the process used " +
                    $"{cpu} of CPU ({Fmt.Percent(ratio)}), part of it this dashboard serving the live page.");
                return Measured.Io;
            }

            if (ratio < IoRatio)
            {
                sentences.Add($"This run was I/O-bound: sequential took {wall} but used the CPU for only {cpu} " +
                    $"({Fmt.Percent(ratio)}); the rest of the time it waited.");
                return Measured.Io;
            }

            if (ratio > CpuRatio)
            {
                sentences.Add($"This run was CPU-bound: sequential kept a core busy for {cpu} of its {wall} " +
                    $"({Fmt.Percent(Math.Min(ratio, 1))}); only more cores make such work faster.");
                return Measured.Cpu;
            }

            sentences.Add($"This run mixed waiting and computing: sequential used the CPU for {cpu} of its {wall} " +
                $"({Fmt.Percent(ratio)}).");
            return Measured.Mixed;
        }

        // Without a sequential run, the busiest strategy tells: if even it mostly waited, the work is waiting.
        var busiest = done.MaxBy(s => s.MedianCpuSeconds / s.MedianWallSeconds)!;
        var busiestRatio = busiest.MedianCpuSeconds / busiest.MedianWallSeconds;
        if (busiestRatio < IoRatio)
        {
            sentences.Add($"This run was I/O-bound: even {StrategyText.Name(busiest.Strategy)} used the CPU for only " +
                $"{Fmt.Seconds(busiest.MedianCpuSeconds)} of its {Fmt.Seconds(busiest.MedianWallSeconds)}.");
            return Measured.Io;
        }

        if (busiestRatio > CpuRatio)
        {
            sentences.Add($"This run was CPU-bound: {StrategyText.Name(busiest.Strategy)} used " +
                $"{Fmt.Seconds(busiest.MedianCpuSeconds)} of CPU in {Fmt.Seconds(busiest.MedianWallSeconds)}.");
            return Measured.Cpu;
        }

        return Measured.Mixed;
    }

    private static void Fastest(List<StrategyFigures> done, StrategyFigures? sequential, int tasks, List<string> sentences)
    {
        var best = done.MinBy(s => s.MedianWallSeconds)!;
        var name = StrategyText.Name(best.Strategy);
        if (sequential is null)
        {
            sentences.Add($"{Capital(name)} was the fastest: {Fmt.Count(tasks)} tasks in {Fmt.Seconds(best.MedianWallSeconds)}.");
        }
        else if (best == sequential || best.Speedup is null or < Meaningful)
        {
            sentences.Add($"No strategy beat sequential ({Fmt.Seconds(sequential.MedianWallSeconds)}) by much: " +
                "running these tasks side by side cost about as much as it saved.");
        }
        else
        {
            sentences.Add($"{Capital(name)} was the fastest: {Fmt.Count(tasks)} tasks in {Fmt.Seconds(best.MedianWallSeconds)}, " +
                $"{Fmt.Speedup(best.Speedup.Value)} faster than sequential ({Fmt.Seconds(sequential.MedianWallSeconds)}).");
        }
    }

    private static void CpuBound(Dictionary<string, StrategyFigures> byId, int cores, List<string> sentences)
    {
        // The GIL point is made only when this run shows threads beating sequential.
        var threaded = new[] { StrategyIds.Threads, StrategyIds.ThreadPool, StrategyIds.Parallel }
            .Where(byId.ContainsKey)
            .Select(id => byId[id])
            .Where(s => s.Speedup >= Meaningful)
            .MaxBy(s => s.Speedup);
        if (threaded is not null)
        {
            sentences.Add($"{Capital(StrategyText.Name(threaded.Strategy))} ran {Fmt.Speedup(threaded.Speedup!.Value)} faster " +
                $"than sequential on this CPU-bound work: .NET threads run managed code on {cores} cores at once. " +
                "CPython's threads cannot: its global interpreter lock (GIL) lets one thread run Python code at a time, " +
                "which is why the tutorial's thread pool was no faster than its loop and it needed processes.");
        }

        if (byId.TryGetValue(StrategyIds.Async, out var async) && async.Speedup is { } asyncSpeedup && asyncSpeedup < Meaningful)
        {
            sentences.Add($"Async gained nothing here ({Fmt.Speedup(asyncSpeedup)}, {Fmt.Seconds(async.MedianWallSeconds)}): " +
                "await overlaps waits, and these tasks do not wait, they compute; each still needs a core.");
        }
    }

    private static void Waits(Dictionary<string, StrategyFigures> byId, ExplainInput input, int tasks, List<string> sentences)
    {
        if (byId.TryGetValue(StrategyIds.Async, out var async) && async.Speedup >= Meaningful)
        {
            var text = $"Async overlapped the waits of {Fmt.Count(tasks)} tasks on {Fmt.Count(async.Lanes)} " +
                $"{Plural(async.Lanes, "thread", "threads")} ({Fmt.Speedup(async.Speedup!.Value)} faster than sequential): " +
                "a task that awaits holds no thread, so many waits cost few threads.";
            if (byId.TryGetValue(StrategyIds.Threads, out var threads))
            {
                text += async.MedianWallSeconds <= threads.MedianWallSeconds
                    ? $" Threads took {Fmt.Seconds(threads.MedianWallSeconds)} on {Fmt.Count(threads.Lanes)} threads, one per task."
                    : $" Threads were a little faster here ({Fmt.Seconds(threads.MedianWallSeconds)} vs {Fmt.Seconds(async.MedianWallSeconds)}) " +
                      $"but needed {Fmt.Count(threads.Lanes)} threads, one per task; async scales further.";
            }

            sentences.Add(text);
        }

        var best = byId.Values.MaxBy(s => s.Speedup ?? 0);
        if (best?.Speedup is not { } bestSpeedup)
        {
            return;
        }

        // A limit below the task count turns concurrent waits into a queue: the tutorial's hidden lesson.
        var capped = new List<(StrategyFigures Figures, int Limit, string Why)>();
        if (byId.TryGetValue(StrategyIds.Parallel, out var parallel))
        {
            capped.Add((parallel, input.Options.ParallelDegree ?? input.Cores,
                input.Options.ParallelDegree is null ? $"degree = {input.Cores} cores" : "its degree"));
        }

        if (byId.TryGetValue(StrategyIds.ThreadPool, out var pool))
        {
            capped.Add((pool, input.Options.ThreadPoolSize ?? Math.Min(32, input.Cores + 4), "its pool size"));
        }

        if (byId.TryGetValue(StrategyIds.Processes, out var processes))
        {
            capped.Add((processes, (input.Options.ProcessCount ?? input.Cores), "one at a time in each worker process"));
        }

        foreach (var (figures, limit, why) in capped)
        {
            if (limit < tasks && figures.Speedup is { } speedup && figures != best && speedup * 2 <= bestSpeedup)
            {
                sentences.Add($"{Capital(StrategyText.Name(figures.Strategy))} waited on only {Fmt.Count(limit)} tasks at a time ({why}), " +
                    $"so {Fmt.Count(tasks)} waits became a queue: {Fmt.Seconds(figures.MedianWallSeconds)}, " +
                    $"{Fmt.Versus(speedup)}, against {Possessive(StrategyText.Name(best.Strategy))} {Fmt.Speedup(bestSpeedup)}.");
            }
        }

        if (input.Kind != WorkloadKind.CpuBound && async is not null
            && byId.TryGetValue(StrategyIds.AsyncProcesses, out var asyncProcesses))
        {
            sentences.Add(asyncProcesses.MedianWallSeconds < async.MedianWallSeconds / 1.1
                ? $"Async inside {(input.Options.ProcessCount ?? input.Cores)} processes ({Fmt.Seconds(asyncProcesses.MedianWallSeconds)}) beat async alone " +
                  $"({Fmt.Seconds(async.MedianWallSeconds)}): the CPU part of the tasks ran on several cores while their waits overlapped."
                : $"Async alone ({Fmt.Seconds(async.MedianWallSeconds)}) was as fast as or faster than async inside " +
                  $"{(input.Options.ProcessCount ?? input.Cores)} processes ({Fmt.Seconds(asyncProcesses.MedianWallSeconds)}): " +
                  "there was too little CPU work per task to pay for the processes.");
        }
    }

    private static void ProcessStart(Dictionary<string, StrategyFigures> byId, int k, Measured measured, List<string> sentences)
    {
        if (!byId.TryGetValue(StrategyIds.Processes, out var processes))
        {
            return;
        }

        // Compare with the in-process strategy that does the same kind of work side by side.
        var twinIds = measured == Measured.Cpu
            ? new[] { StrategyIds.Parallel, StrategyIds.Threads, StrategyIds.ThreadPool }
            : new[] { StrategyIds.Parallel, StrategyIds.ThreadPool };
        var twin = twinIds.Where(byId.ContainsKey).Select(id => byId[id]).FirstOrDefault();
        if (twin is null)
        {
            return;
        }

        var extra = processes.MedianWallSeconds - twin.MedianWallSeconds;
        sentences.Add(extra > 0
            ? $"Processes took {Fmt.Seconds(processes.MedianWallSeconds)}, {Fmt.Seconds(extra)} more than {StrategyText.Name(twin.Strategy)} " +
              $"({Fmt.Seconds(twin.MedianWallSeconds)}): that is about what starting {k} worker processes and passing them work " +
              "and results costs; threads live in one process and skip it."
            : $"Processes ({Fmt.Seconds(processes.MedianWallSeconds)}) kept up with {StrategyText.Name(twin.Strategy)} " +
              $"({Fmt.Seconds(twin.MedianWallSeconds)}): starting {k} worker processes was small next to the work itself.");
    }

    /// <summary>
    /// The two runtimes side by side, each against its own sequential: on CPU-bound work Python's
    /// threads stay near 1x (the GIL) where .NET's scale; on waits, how close asyncio comes to
    /// .NET's async.
    /// </summary>
    private static void Runtimes(Dictionary<string, StrategyFigures> byId, Measured measured, string workload, List<string> sentences)
    {
        byId.TryGetValue(PythonTwins.Key(StrategyIds.Threads), out var pyThreads);
        byId.TryGetValue(PythonTwins.Key(StrategyIds.Processes), out var pyProcesses);
        byId.TryGetValue(StrategyIds.Threads, out var threads);
        if (measured == Measured.Cpu && pyThreads?.Speedup is { } py)
        {
            var dotnet = threads?.Speedup is { } x
                ? string.Create(CultureInfo.InvariantCulture, $", .NET threads x{x:0.00} (no GIL: each thread runs on its own core)")
                : "";
            var processes = pyProcesses?.Speedup is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"; Python processes x{p:0.00}: each process has its own interpreter and GIL")
                : "";
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"Python threads x{py:0.00} on {workload} (the GIL lets one thread run Python code at a time){dotnet}{processes}."));
        }

        if (measured != Measured.Cpu
            && byId.TryGetValue(PythonTwins.Key(StrategyIds.Async), out var asyncio)
            && byId.TryGetValue(StrategyIds.Async, out var async))
        {
            var ratio = asyncio.MedianWallSeconds / async.MedianWallSeconds;
            sentences.Add(ratio <= 1.1
                ? $"Python's asyncio ({Fmt.Seconds(asyncio.MedianWallSeconds)}) kept up with .NET async ({Fmt.Seconds(async.MedianWallSeconds)}): the waits, not the runtime, set the pace."
                : $"Python's asyncio took {Fmt.Seconds(asyncio.MedianWallSeconds)}, .NET async {Fmt.Seconds(async.MedianWallSeconds)} ({Fmt.Speedup(ratio)} faster): both overlap the waits; the rest is each runtime's own work per task (and starting the interpreter).");
        }
    }

    // What one grain call per task cost, next to worker processes that get their share in one message.
    private static void ClusterCost(Dictionary<string, StrategyFigures> byId, int tasks, List<string> sentences)
    {
        if (!byId.TryGetValue(StrategyIds.Cluster, out var cluster))
        {
            return;
        }

        if (!byId.TryGetValue(StrategyIds.Processes, out var processes))
        {
            sentences.Add($"The cluster made {Fmt.Count(tasks)} grain calls to its lab nodes in {Fmt.Seconds(cluster.MedianWallSeconds)}; " +
                "run processes beside it to see what the calls cost.");
            return;
        }

        var extraPerTask = (cluster.MedianWallSeconds - processes.MedianWallSeconds) / Math.Max(1, tasks);
        sentences.Add(extraPerTask > 0
            ? $"The cluster took {Fmt.Seconds(cluster.MedianWallSeconds)} against {Fmt.Seconds(processes.MedianWallSeconds)} for processes: " +
              $"{Fmt.Seconds(extraPerTask)} more per task, spent outside the work on each task's grain call (the job serialised, " +
              "placement, a message to the node and a reply back), where a worker process gets its whole share in one message."
            : $"The cluster ({Fmt.Seconds(cluster.MedianWallSeconds)}) kept up with processes ({Fmt.Seconds(processes.MedianWallSeconds)}): " +
              "one grain call per task cost little next to the work itself.");
    }

    private static void Problems(IReadOnlyList<StrategyFigures> all, int tasks, List<string> sentences)
    {
        foreach (var s in all)
        {
            var name = Capital(StrategyText.Name(s.Strategy));
            if (s.Cancelled)
            {
                sentences.Add($"{name} was cancelled; its figures are partial and left out above.");
            }
            else if (s.TasksFailed > 0)
            {
                sentences.Add($"{name}: {Fmt.Count(s.TasksFailed)} of {Fmt.Count((long)tasks * s.Repetitions)} tasks failed, " +
                    "so its time covers less work.");
            }

            if (s.OutputCheck != "ok" && !s.Cancelled)
            {
                sentences.Add($"{Possessive(name)} output check failed: {s.OutputCheck}");
            }
        }
    }

    private static string Possessive(string name) => name.EndsWith('s') ? $"{name}'" : $"{name}'s";

    private static string Plural(long n, string one, string many) => n == 1 ? one : many;

    private static string Capital(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
