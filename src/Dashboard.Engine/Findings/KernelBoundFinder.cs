using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>kernel-bound</c>: system time was over half of the strategy's CPU (the runtime counters'
/// user and system shares, summed over its measured repetitions and processes), with enough CPU to
/// tell (<see cref="MinCpuSeconds"/>).
/// </summary>
public sealed class KernelBoundFinder : IFinder
{
    /// <summary>Less CPU than this per repetition is a tick or two of the clock: nothing to tell.</summary>
    public const double MinCpuSeconds = 0.05;

    public FindingRule Rule { get; } = new(
        FindingIds.KernelBound,
        "Kernel-bound",
        FindingSeverity.Warning,
        "System (kernel) time was more than half of a strategy's CPU time, with at least 50 ms of CPU per repetition.",
        "System time is the kernel working for the program: creating files and directories, sockets and their buffers, threads and " +
        "processes, and parking and waking threads around each wait. When it is most of the CPU, the program's own code is not what " +
        "costs, so making that code faster would barely help.",
        "Find which call the kernel spends it on: for many files, write them to memory (Outputs: Memory on the Run page) or to fewer " +
        "files; for many threads or processes, use fewer (async, a pool); for the network, fewer connections (keep-alive).");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var measured = run.Measured(statistics.Strategy).Where(r => r.Counters is { Count: > 0 }).ToList();
            if (measured.Count == 0)
            {
                continue;
            }

            var samples = measured.SelectMany(r => r.Counters!).ToList();
            var user = samples.Sum(c => c.CpuUserPercent);
            var system = samples.Sum(c => c.CpuSystemPercent);
            var cpu = measured.Average(r => r.CpuSeconds);
            if (system <= user || cpu < MinCpuSeconds)
            {
                continue;
            }

            var share = system / (user + system);
            var place = run.OutputFileSystem is { } fileSystem ? $"on {fileSystem}" : "on disk";
            var note = WorkloadCatalog.Of(run.Parameters).SystemTimeNote(run.Parameters, place, run.OutputsInMemory)
                ?? "Here that is the scheduler: creating threads and processes, and parking and waking them (futexes) around each wait.";
            var text = string.Create(CultureInfo.InvariantCulture,
                $"System time was {share * 100:0}% of its {SecondsText.Format(cpu)} of CPU: the kernel did most of the CPU work, not the program's own code. {note}");
            yield return run.Make(Rule.Id, Rule.Severity, statistics.Strategy, new Dictionary<string, double>
            {
                ["systemShare"] = share,
                ["cpuSeconds"] = cpu,
            }, text, share);
        }
    }
}
