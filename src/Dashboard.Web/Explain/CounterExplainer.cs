using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Explain;

/// <summary>
/// Sentences read from the runtime counters (why a strategy took as long as it did): a starved
/// thread pool behind sync-over-async, and a kernel that did most of the CPU work (and what it was doing).
/// </summary>
public static class CounterExplainer
{
    public static void Explain(ExplainInput input, List<string> sentences)
    {
        if (input.Results is not { Count: > 0 } results)
        {
            return;
        }

        var measured = results.Where(r => r.IsMeasured && r.Counters is { Count: > 0 }).ToList();
        Starvation(measured, input.Strategies, sentences);
        KernelShare(input, measured, sentences);
    }

    private static void Starvation(List<StrategyResult> measured, IReadOnlyList<StrategyFigures> figures, List<string> sentences)
    {
        var blocking = StrategyCatalog.All.FirstOrDefault(d => d.Concurrency == Concurrency.BlocksOnAsync && measured.Any(r => r.Strategy == d.Id));
        if (blocking is null)
        {
            return;
        }

        var blocked = measured.Last(r => r.Strategy == blocking.Id);

        var samples = blocked.Counters!.Where(c => c.Process == MainProcess(blocked)).ToList();
        var queue = samples.Max(c => c.PoolQueue);
        var firstThreads = samples[0].PoolThreads;
        var peakThreads = samples.Max(c => c.PoolThreads);
        var awaits = StrategyCatalog.All.FirstOrDefault(StrategyPicks.InProcess(Concurrency.Awaits));
        var async = figures.FirstOrDefault(f => f.Strategy == awaits?.Id && f.TasksOk > 0);
        var mine = figures.FirstOrDefault(f => f.Strategy == blocking.Id);
        var comparison = async is not null && mine is not null && async.MedianWallSeconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $" It took {Fmt.Seconds(mine.MedianWallSeconds)} where async took {Fmt.Seconds(async.MedianWallSeconds)}.")
            : "";
        if (queue > 0)
        {
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"{blocking.Name} starved the thread pool, as it is meant to: every task blocked a pool thread waiting for its own async work, whose continuations need pool threads too. Up to {queue:N0} work items waited in the pool's queue while the runtime injected threads slowly ({firstThreads} pool threads at the start, {peakThreads} at the peak).{comparison} Await instead of blocking, and the same waits need no thread at all."));
        }
        else
        {
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"{blocking.Name} blocked a pool thread per task, but the pool's queue stayed empty here ({peakThreads} pool threads at the peak): too few tasks to starve it.{comparison}"));
        }
    }

    /// <summary>
    /// Strategies whose CPU was mostly system time (over half, and enough CPU to tell: 50 ms), named
    /// in one sentence with what the kernel was doing for this workload and where its files went.
    /// </summary>
    private static void KernelShare(ExplainInput input, List<StrategyResult> measured, List<string> sentences)
    {
        var heavy = new List<(string Strategy, double Share)>();
        foreach (var group in measured.GroupBy(r => r.Strategy))
        {
            var samples = group.SelectMany(r => r.Counters!).ToList();
            var user = samples.Sum(c => c.CpuUserPercent);
            var system = samples.Sum(c => c.CpuSystemPercent);

            // Too little CPU to say anything: a tick or two of 10 ms either way.
            var cpuSeconds = group.Average(r => r.CpuSeconds);
            if (system > user && cpuSeconds >= 0.05)
            {
                heavy.Add((group.Key, system / (user + system)));
            }
        }

        if (heavy.Count == 0)
        {
            return;
        }

        var named = string.Join(", ", heavy.Select(h => string.Create(CultureInfo.InvariantCulture, $"{StrategyText.Name(h.Strategy)} {h.Share:P0}")));
        sentences.Add($"{named} system time: the kernel did most of the CPU work there, not the program's own code, so faster code would barely help. {KernelMeaning(input)}");
    }

    /// <summary>What system time means for this workload, and what to try.</summary>
    private static string KernelMeaning(ExplainInput input)
    {
        var outputs = input.Outputs;
        var inMemory = outputs is not null && FileSystems.IsMemory(outputs.FileSystem);
        var onDisk = outputs is null ? "on disk" : $"on {outputs.FileSystem}";
        return WorkloadCatalog.Of(input.Parameters).SystemTimeNote(input.Parameters, onDisk, inMemory)
            ?? "Here that is the scheduler: creating threads and processes, and parking and waking them (futexes) around each wait.";
    }

    /// <summary>The process the strategy's tasks mostly ran in (the app for in-process strategies).</summary>
    private static int MainProcess(StrategyResult result) =>
        result.Spans.Count > 0
            ? result.Spans.GroupBy(s => s.Lane.ProcessId).MaxBy(g => g.Count())!.Key
            : result.Counters![0].Process;
}
