using Dashboard.Engine.Running;
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

    /// <summary>Seconds from the first task's start to the last task's end; null when no task ran.</summary>
    public static double? TaskPhase(StrategyResult result) =>
        Extent(result) is var (first, last, ran) && ran > 0 ? Math.Max(0, last - first) : null;

    // One pass, nothing kept: a stored million-task repetition is decoded as it is read, never held.
    private static (double FirstStart, double LastEnd, int Ran) Extent(StrategyResult result)
    {
        double first = double.PositiveInfinity, last = double.NegativeInfinity;
        var ran = 0;
        foreach (var span in Ran(result))
        {
            first = ran == 0 ? span.Start : Math.Min(first, span.Start);
            last = ran == 0 ? span.End : Math.Max(last, span.End);
            ran++;
        }

        return (first, last, ran);
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

        return Ran(result).Sum(s => Math.Max(0, s.End - s.Start)) / phase;
    }

    /// <summary>The median duration of the tasks that succeeded; null when none did.</summary>
    public static double? MedianTaskSeconds(IEnumerable<StrategyResult> results)
    {
        var durations = results.SelectMany(r => r.Spans)
            .Where(s => s.Status == TaskStatus.Ok)
            .Select(s => Math.Max(0, s.End - s.Start))
            .ToList();
        return durations.Count == 0 ? null : Statistics.Quantiles.Median(durations);
    }

    /// <summary>The process most of the repetition's tasks ran in (the app for in-process strategies).</summary>
    public static int MainProcess(StrategyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Spans.Count == 0)
        {
            return result.Counters is { Count: > 0 } counters ? counters[0].Process : 0;
        }

        // Counted, not grouped: a million spans (made as they are read) are never held at once.
        var tasks = new Dictionary<int, int>();
        foreach (var span in result.Spans)
        {
            tasks[span.Lane.ProcessId] = tasks.GetValueOrDefault(span.Lane.ProcessId) + 1;
        }

        return tasks.MaxBy(p => p.Value).Key;
    }
}
