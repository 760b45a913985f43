using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>
/// Says in plain words what one run's measured figures show. Every number in a sentence comes
/// from the input; a sentence appears only when the figures support it. Strategies are picked by
/// what their descriptors say they are (<see cref="StrategyDescriptor.Placement"/>,
/// <see cref="StrategyDescriptor.Concurrency"/>), never by id.
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
        byId.TryGetValue(StrategyCatalog.Baseline.Id, out var sequential);

        var measured = Nature(input.Kind, done, sequential, sentences);
        Fastest(done, sequential, tasks, sentences);
        if (measured == WorkNature.Cpu)
        {
            CpuBound(byId, input.Cores, sentences);
        }
        else
        {
            Waits(byId, input, tasks, sentences);
        }

        PlacementExplainer.Explain(byId, input, measured, sentences);
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
            sentences.Add($"{Fmt.Capital(StrategyText.Name(limit.Strategy))} reached {Fmt.Percent(limit.OfLimit!.Value)} of its {what} " +
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
                $"{Fmt.Capital(StrategyText.Name(figures.Strategy))}'s task durations fall into groups (mvalue {figures.TaskDurationMValue:0.0}): some tasks took much longer than others, which one median does not show."));
        }
    }

    private static WorkNature Nature(WorkloadKind kind, List<StrategyFigures> done, StrategyFigures? sequential, List<string> sentences)
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
                return WorkNature.Cpu;
            }

            if (kind == WorkloadKind.IoBound && ratio >= IoRatio && ratio <= CpuRatio)
            {
                // Waiting work that shows CPU: the meter counts the whole process, including the
                // dashboard streaming this very run; with few short tasks that share is visible.
                sentences.Add($"This run was I/O-bound: its tasks wait. Sequential took {wall} while the process used " +
                    $"{cpu} of CPU ({Fmt.Percent(ratio)}), part of it this dashboard serving the live page.");
                return WorkNature.Io;
            }

            if (ratio < IoRatio)
            {
                sentences.Add($"This run was I/O-bound: sequential took {wall} but used the CPU for only {cpu} " +
                    $"({Fmt.Percent(ratio)}); the rest of the time it waited.");
                return WorkNature.Io;
            }

            if (ratio > CpuRatio)
            {
                sentences.Add($"This run was CPU-bound: sequential kept a core busy for {cpu} of its {wall} " +
                    $"({Fmt.Percent(Math.Min(ratio, 1))}); only more cores make such work faster.");
                return WorkNature.Cpu;
            }

            sentences.Add($"This run mixed waiting and computing: sequential used the CPU for {cpu} of its {wall} " +
                $"({Fmt.Percent(ratio)}).");
            return WorkNature.Mixed;
        }

        // Without a sequential run, the busiest strategy tells: if even it mostly waited, the work is waiting.
        var busiest = done.MaxBy(s => s.MedianCpuSeconds / s.MedianWallSeconds)!;
        var busiestRatio = busiest.MedianCpuSeconds / busiest.MedianWallSeconds;
        if (busiestRatio < IoRatio)
        {
            sentences.Add($"This run was I/O-bound: even {StrategyText.Name(busiest.Strategy)} used the CPU for only " +
                $"{Fmt.Seconds(busiest.MedianCpuSeconds)} of its {Fmt.Seconds(busiest.MedianWallSeconds)}.");
            return WorkNature.Io;
        }

        if (busiestRatio > CpuRatio)
        {
            sentences.Add($"This run was CPU-bound: {StrategyText.Name(busiest.Strategy)} used " +
                $"{Fmt.Seconds(busiest.MedianCpuSeconds)} of CPU in {Fmt.Seconds(busiest.MedianWallSeconds)}.");
            return WorkNature.Cpu;
        }

        return WorkNature.Mixed;
    }

    private static void Fastest(List<StrategyFigures> done, StrategyFigures? sequential, int tasks, List<string> sentences)
    {
        var best = done.MinBy(s => s.MedianWallSeconds)!;
        var name = StrategyText.Name(best.Strategy);
        if (sequential is null)
        {
            sentences.Add($"{Fmt.Capital(name)} was the fastest: {Fmt.Count(tasks)} tasks in {Fmt.Seconds(best.MedianWallSeconds)}.");
        }
        else if (best == sequential || best.Speedup is null or < Meaningful)
        {
            sentences.Add($"No strategy beat sequential ({Fmt.Seconds(sequential.MedianWallSeconds)}) by much: " +
                "running these tasks side by side cost about as much as it saved.");
        }
        else
        {
            sentences.Add($"{Fmt.Capital(name)} was the fastest: {Fmt.Count(tasks)} tasks in {Fmt.Seconds(best.MedianWallSeconds)}, " +
                $"{Fmt.Speedup(best.Speedup.Value)} faster than sequential ({Fmt.Seconds(sequential.MedianWallSeconds)}).");
        }
    }

    private static void CpuBound(Dictionary<string, StrategyFigures> byId, int cores, List<string> sentences)
    {
        // The GIL point is made only when this run shows threads beating sequential.
        var threaded = StrategyCatalog.All
            .Where(d => d.Placement == StrategyPlacement.InProcess && d.Concurrency is Concurrency.ThreadPerTask or Concurrency.FixedThreads)
            .Where(d => byId.ContainsKey(d.Id))
            .Select(d => byId[d.Id])
            .Where(s => s.Speedup >= Meaningful)
            .MaxBy(s => s.Speedup);
        if (threaded is not null)
        {
            sentences.Add($"{Fmt.Capital(StrategyText.Name(threaded.Strategy))} ran {Fmt.Speedup(threaded.Speedup!.Value)} faster " +
                $"than sequential on this CPU-bound work: .NET threads run managed code on {cores} cores at once. " +
                "CPython's threads cannot: its global interpreter lock (GIL) lets one thread run Python code at a time, " +
                "which is why the tutorial's thread pool was no faster than its loop and it needed processes.");
        }

        if (StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.Awaits)) is { } async && async.Speedup is { } asyncSpeedup && asyncSpeedup < Meaningful)
        {
            sentences.Add($"Async gained nothing here ({Fmt.Speedup(asyncSpeedup)}, {Fmt.Seconds(async.MedianWallSeconds)}): " +
                "await overlaps waits, and these tasks do not wait, they compute; each still needs a core.");
        }
    }

    private static void Waits(Dictionary<string, StrategyFigures> byId, ExplainInput input, int tasks, List<string> sentences)
    {
        var async = StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.Awaits));
        if (async is not null && async.Speedup >= Meaningful)
        {
            var text = $"Async overlapped the waits of {Fmt.Count(tasks)} tasks on " +
                $"{Fmt.Plural(async.Lanes, "thread", "threads")} ({Fmt.Speedup(async.Speedup!.Value)} faster than sequential): " +
                "a task that awaits holds no thread, so many waits cost few threads.";
            if (StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.ThreadPerTask)) is { } threads)
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
        var capped = StrategyCatalog.All
            .Where(d => d.QueueReason is not null && d.Lanes is not null && byId.ContainsKey(d.Id))
            .Select(d => (Figures: byId[d.Id], Limit: d.Lanes!(new LaneQuestion(input.Options, input.Cores, tasks, CpuBound: false)),
                Why: d.QueueReason!(input.Options, input.Cores)));
        foreach (var (figures, limit, why) in capped)
        {
            if (limit < tasks && figures.Speedup is { } speedup && figures != best && speedup * 2 <= bestSpeedup)
            {
                sentences.Add($"{Fmt.Capital(StrategyText.Name(figures.Strategy))} waited on only {Fmt.Count(limit)} tasks at a time ({why}), " +
                    $"so {Fmt.Count(tasks)} waits became a queue: {Fmt.Seconds(figures.MedianWallSeconds)}, " +
                    $"{Fmt.Versus(speedup)}, against {Fmt.Possessive(StrategyText.Name(best.Strategy))} {Fmt.Speedup(bestSpeedup)}.");
            }
        }

        if (input.Kind != WorkloadKind.CpuBound && async is not null
            && StrategyPicks.Ran(byId, StrategyPicks.InWorkers(Concurrency.Awaits)) is { } inProcesses)
        {
            var asyncProcesses = byId[inProcesses.Id];
            var workers = StrategyPicks.Workers(inProcesses, input);
            sentences.Add(asyncProcesses.MedianWallSeconds < async.MedianWallSeconds / 1.1
                ? $"Async inside {workers} processes ({Fmt.Seconds(asyncProcesses.MedianWallSeconds)}) beat async alone " +
                  $"({Fmt.Seconds(async.MedianWallSeconds)}): the CPU part of the tasks ran on several cores while their waits overlapped."
                : $"Async alone ({Fmt.Seconds(async.MedianWallSeconds)}) was as fast as or faster than async inside " +
                  $"{workers} processes ({Fmt.Seconds(asyncProcesses.MedianWallSeconds)}): " +
                  "there was too little CPU work per task to pay for the processes.");
        }
    }

    private static void Problems(IReadOnlyList<StrategyFigures> all, int tasks, List<string> sentences)
    {
        foreach (var s in all)
        {
            var name = Fmt.Capital(StrategyText.Name(s.Strategy));
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
                sentences.Add($"{Fmt.Possessive(name)} output check failed: {s.OutputCheck}");
            }
        }
    }
}
