using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Findings;

/// <summary>Figures the finders read off one repetition's spans, each computed in one place.</summary>
public static class RunShape
{
    /// <summary>The spans of tasks that ran (a task cancelled before it started has no time of its own).</summary>
    public static IEnumerable<TaskSpan> Ran(StrategyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Spans.Where(s => s.Status != TaskStatus.Cancelled || s.End > s.Start);
    }

    /// <summary>
    /// Seconds from the repetition's start to its first task's start: what starting processes, an
    /// interpreter or nodes cost before any work (about 0 in process); null when no task ran.
    /// </summary>
    public static double? FirstStart(StrategyResult result) =>
        Extent(result) is var (first, _, ran) && ran > 0 ? Math.Max(0, first) : null;

    /// <summary>
    /// The median over <paramref name="repetitions"/> of <see cref="FirstStart"/>: a strategy's start-up
    /// as the summary, the race and Explain state it; null when no task ran in any of them.
    /// </summary>
    public static double? StartupSeconds(IEnumerable<StrategyResult> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var starts = repetitions.Select(FirstStart).OfType<double>().ToList();
        return starts.Count == 0 ? null : Statistics.Quantiles.Median(starts);
    }

    /// <summary>
    /// The CPU a strategy's work used, median over <paramref name="repetitions"/>: its tasks' own thread
    /// CPU (the time split) when every repetition measured it; null otherwise (then only the process's
    /// CPU is known, which also counts this dashboard serving the page, the targets and the JIT).
    /// </summary>
    public static double? TaskCpuSeconds(IEnumerable<StrategyResult> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var splits = repetitions.Select(TimeSplit.Of).ToList();
        return splits.Count == 0 || splits.Any(s => s is null) ? null : Statistics.Quantiles.Median(splits.Select(s => s!.Cpu));
    }

    /// <summary>
    /// The share of its work time (start-up taken out) that computing work had the CPU: the tasks' own
    /// CPU (<see cref="TaskCpuSeconds"/>) when measured, else <paramref name="processCpuSeconds"/> less the
    /// start-up, over the wall less the start-up; null when there was no work time. Below
    /// <see cref="HeldBackBelow"/> on CPU-bound work, other work on the machine held the cores.
    /// </summary>
    public static double? WorkBusy(double wallSeconds, double startupSeconds, double processCpuSeconds, double? taskCpuSeconds)
    {
        var work = wallSeconds - startupSeconds;
        var cpu = taskCpuSeconds ?? Math.Max(0, processCpuSeconds - startupSeconds);
        return work > 0 ? cpu / work : null;
    }

    /// <summary>
    /// Below this <see cref="WorkBusy"/> share, a CPU-bound strategy did not get its core: its times are the
    /// machine's other work as much as its own (Explain says so; no finder blames the strategy for it).
    /// </summary>
    public const double HeldBackBelow = 0.7;

    /// <summary>Seconds from the first task's start to the last task's end; null when no task ran.</summary>
    public static double? TaskPhase(StrategyResult result) =>
        Extent(result) is var (first, last, ran) && ran > 0 ? Math.Max(0, last - first) : null;

    // From the repetition's facts: one pass over its spans for every figure here (a stored million-task repetition decodes as it is read).
    private static (double FirstStart, double LastEnd, int Ran) Extent(StrategyResult result)
    {
        var facts = SpanFacts.Of(result);
        return (facts.FirstStart, facts.LastEnd, facts.Ran);
    }

    /// <summary>
    /// Tasks in flight on average over the task phase: the sum of task durations over its length
    /// (1 = one at a time; 8 = eight at once on average); null when no task ran or it took no time.
    /// </summary>
    public static double? InFlight(StrategyResult result)
    {
        if (TaskPhase(result) is not { } phase || phase <= 0)
        {
            return null;
        }

        return SpanFacts.Of(result).RanSeconds / phase;
    }

    /// <summary>The median duration of the tasks that succeeded; null when none did.</summary>
    public static double? MedianTaskSeconds(IEnumerable<StrategyResult> results)
    {
        var durations = results.SelectMany(r => SpanFacts.Of(r).OkDurations)
            .Select(d => Math.Max(0, d))
            .ToList();
        return durations.Count == 0 ? null : Statistics.Quantiles.Median(durations);
    }

    /// <summary>The process most of the repetition's tasks ran in (the app for in-process strategies).</summary>
    public static int MainProcess(StrategyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Spans.Count > 0
            ? SpanFacts.Of(result).Processes.MaxBy(p => p.Count).ProcessId
            : result.Counters is { Count: > 0 } counters ? counters[0].Process : 0;
    }
}
