using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>
/// Sentences read from the runtime counters (why a strategy took as long as it did): a starved
/// thread pool behind sync-over-async, and a kernel that did most of the CPU work.
/// </summary>
public static class CounterExplainer
{
    public static void Explain(ExplainInput input, List<string> sentences)
    {
        if (input.Results is not { Count: > 0 } results)
        {
            return;
        }

        var measured = results.Where(r => r.Repetition >= 0 && !r.Cancelled && r.Counters is { Count: > 0 }).ToList();
        Starvation(measured, input.Strategies, sentences);
        KernelShare(measured, sentences);
    }

    private static void Starvation(List<StrategyResult> measured, IReadOnlyList<StrategyFigures> figures, List<string> sentences)
    {
        var blocked = measured.LastOrDefault(r => r.Strategy == StrategyIds.SyncOverAsync);
        if (blocked is null)
        {
            return;
        }

        var samples = blocked.Counters!.Where(c => c.Process == MainProcess(blocked)).ToList();
        var queue = samples.Max(c => c.PoolQueue);
        var firstThreads = samples[0].PoolThreads;
        var peakThreads = samples.Max(c => c.PoolThreads);
        var async = figures.FirstOrDefault(f => f.Strategy == StrategyIds.Async && f.TasksOk > 0);
        var mine = figures.FirstOrDefault(f => f.Strategy == StrategyIds.SyncOverAsync);
        var comparison = async is not null && mine is not null && async.MedianWallSeconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $" It took {Fmt.Seconds(mine.MedianWallSeconds)} where async took {Fmt.Seconds(async.MedianWallSeconds)}.")
            : "";
        if (queue > 0)
        {
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"sync-over-async starved the thread pool, as it is meant to: every task blocked a pool thread waiting for its own async work, whose continuations need pool threads too. Up to {queue:N0} work items waited in the pool's queue while the runtime injected threads slowly ({firstThreads} pool threads at the start, {peakThreads} at the peak).{comparison} Await instead of blocking, and the same waits need no thread at all."));
        }
        else
        {
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"sync-over-async blocked a pool thread per task, but the pool's queue stayed empty here ({peakThreads} pool threads at the peak): too few tasks to starve it.{comparison}"));
        }
    }

    private static void KernelShare(List<StrategyResult> measured, List<string> sentences)
    {
        foreach (var group in measured.GroupBy(r => r.Strategy))
        {
            var samples = group.SelectMany(r => r.Counters!).ToList();
            var user = samples.Sum(c => c.CpuUserPercent);
            var system = samples.Sum(c => c.CpuSystemPercent);

            // Too little CPU to say anything: a tick or two of 10 ms either way.
            var cpuSeconds = group.Average(r => r.CpuSeconds);
            if (system > user && cpuSeconds >= 0.05)
            {
                sentences.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{StrategyText.Name(group.Key)}: the kernel did most of the CPU work ({system / (user + system):P0} of it was system time). Here that is the file system and the network stack (creating files, sockets), not the program's own code: faster code would barely help; a file system in memory (tmpfs) or fewer files would."));
            }
        }
    }

    /// <summary>The process the strategy's tasks mostly ran in (the app for in-process strategies).</summary>
    private static int MainProcess(StrategyResult result) =>
        result.Spans.Count > 0
            ? result.Spans.GroupBy(s => s.Lane.ProcessId).MaxBy(g => g.Count())!.Key
            : result.Counters![0].Process;
}
