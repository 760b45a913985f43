using Dashboard.Engine.Running;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// Where one strategy repetition's time went, in seconds summed over its tasks (task-seconds, so
/// ten tasks of 1 s in parallel add up to 10 s), plus what the repetition paid around them:
/// <list type="bullet">
/// <item><see cref="Cpu"/>: on a core running a task (each segment's thread CPU clock).</item>
/// <item><see cref="Ready"/>: runnable but not running: in the OS run queue (every segment, from the
/// thread's schedstat), for Python threads the GIL, and "scheduled": a continuation due but not yet
/// run, from the moment its wait was due to the task's next segment, where the lab knows that
/// moment: hello's sleeps on the <c>SleepWheel</c> (the slot's due time: a pool too busy to run the
/// continuation, or the tasks one tick wakes resuming one after another) and a one-wait group's shared
/// wait (<c>OneWaitTasks</c>: from its continuation's start). Not known, so counted as waiting: a
/// continuation behind any other await (the AsyncLocal-followed async forms), HTTP and file I/O
/// completions, and blocking waits.</item>
/// <item><see cref="Wait"/>: the rest of the spans: I/O, timers, locks (a continuation whose due moment is not known included).</item>
/// <item><see cref="Startup"/>: starting worker processes or interpreters, each up to its first message, summed.</item>
/// <item><see cref="Transfer"/>: tasks and results travelling between processes, outside the spans.</item>
/// </list>
/// A lab node's task counts whole as waiting (its split is not measured). A task of this process
/// without a split of its own (a thread per task outside the split's sample: <see cref="SplitSample"/>;
/// a task its strategy failed before it ran) takes the measured tasks' shares of its length; with
/// no measured task beside it, it counts whole as waiting.
/// </summary>
public sealed record TimeSplit(double Cpu, double Ready, double Wait, double Startup, double Transfer)
{
    /// <summary>Everything together.</summary>
    public double Total => Cpu + Ready + Wait + Startup + Transfer;

    /// <summary>The repetition's split, or null when none of its tasks was measured.</summary>
    public static TimeSplit? Of(StrategyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // The sums come from the repetition's facts (one pass over its spans, shared with the other figures).
        var facts = SpanFacts.Of(result);
        if (!facts.AnyCpu)
        {
            return null;
        }

        var (cpu, ready, wait, transfer) = facts.Split;
        return Rounded(cpu, ready, wait, result.WorkerStartSeconds?.Sum() ?? 0, transfer);
    }

    /// <summary>The mean of several repetitions' splits (those measured), or null when none was.</summary>
    public static TimeSplit? Mean(IEnumerable<StrategyResult> repetitions)
    {
        var splits = repetitions.Select(Of).OfType<TimeSplit>().ToArray();
        return splits.Length == 0
            ? null
            : Rounded(splits.Average(s => s.Cpu), splits.Average(s => s.Ready), splits.Average(s => s.Wait),
                splits.Average(s => s.Startup), splits.Average(s => s.Transfer));
    }

    private static TimeSplit Rounded(double cpu, double ready, double wait, double startup, double transfer) =>
        new(Math.Round(cpu, 6), Math.Round(ready, 6), Math.Round(wait, 6), Math.Round(startup, 6), Math.Round(transfer, 6));
}
