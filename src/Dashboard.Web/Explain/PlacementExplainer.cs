using System.Globalization;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>
/// Lines about where tasks ran: what starting worker processes cost (measured: the time before their
/// first task), the two runtimes each against its own sequential, and one grain call per task on lab
/// nodes next to worker processes. Comparisons carry their noise verdict; causes only beyond noise.
/// </summary>
internal static class PlacementExplainer
{
    // Python threads count as no faster than Python sequential at or below this speedup.
    private const double GilSpeedup = 1.1;

    public static void Explain(ExplainRun run)
    {
        ProcessStart(run);
        Runtimes(run);
        ClusterCost(run);
    }

    private static void ProcessStart(ExplainRun run)
    {
        if (StrategyPicks.Ran(run.ById, StrategyPicks.InWorkers(Concurrency.OneAtATime)) is not { } descriptor)
        {
            return;
        }

        // Compare with the in-process strategy that does the same kind of work side by side: on
        // waits, one with a fixed number of threads (a thread per task waits on all at once).
        var processes = run.ById[descriptor.Id];
        var k = StrategyPicks.Workers(descriptor, run.Input);
        var twin = descriptor.InProcessPeers
            .Where(run.ById.ContainsKey)
            .Where(id => run.Nature == WorkNature.Cpu || StrategyCatalog.Get(id).Concurrency != Concurrency.ThreadPerTask)
            .Select(id => run.ById[id])
            .FirstOrDefault();
        var name = Fmt.Capital(StrategyText.Name(processes.Strategy));
        // A start-up under a millisecond is not worth a clause: the run's first span began with the strategy.
        var started = processes.StartupSeconds >= 0.001
            ? $"{name} started its first task {Fmt.Seconds(processes.StartupSeconds)} in (starting {Fmt.Plural(k, "worker process", "worker processes")}; a thread starts in microseconds)"
            : $"{name} ran its tasks in {Fmt.Plural(k, "worker process", "worker processes")}";
        if (twin is null)
        {
            run.Add("process-start", ExplainRanks.Comparison, started + ".", ("start-up", Fmt.Seconds(processes.StartupSeconds)), ("workers", Fmt.Count(k)));
            return;
        }

        var other = StrategyText.Name(twin.Strategy);
        var text = Noise.Compare(processes, twin) switch
        {
            NoiseVerdict.Slower => $"{started}. It took {Fmt.Seconds(processes.MedianWallSeconds)}, {Fmt.Seconds(processes.MedianWallSeconds - twin.MedianWallSeconds)} more than " +
                $"{other} ({Fmt.Seconds(twin.MedianWallSeconds)}), {Noise.Basis(processes, twin)}. Starting them and passing them work and results costs that; threads live in one process and skip it.",
            NoiseVerdict.Faster => $"{started}. It took {Fmt.Seconds(processes.MedianWallSeconds)}, less than {other} ({Fmt.Seconds(twin.MedianWallSeconds)}), " +
                $"{Noise.Basis(processes, twin)}. Starting them was small next to the work itself.",
            _ => $"{started}. It took {Fmt.Seconds(processes.MedianWallSeconds)}, {other} {Fmt.Seconds(twin.MedianWallSeconds)}: {Noise.Basis(processes, twin)}.",
        };
        run.Add("process-start", ExplainRanks.Comparison, text,
            ("start-up", Fmt.Seconds(processes.StartupSeconds)), ("workers", Fmt.Count(k)), ("wall", Fmt.Seconds(processes.MedianWallSeconds)),
            ("peer", twin.Strategy), ("peer wall", Fmt.Seconds(twin.MedianWallSeconds)), ("repetitions", Noise.Repetitions(processes, twin)));
    }

    /// <summary>
    /// The two runtimes side by side, each against its own sequential: on work that computes, Python's
    /// threads next to its processes and to .NET's threads; on waits, each runtime's async.
    /// </summary>
    private static void Runtimes(ExplainRun run)
    {
        if (!run.Done.Any(s => PythonTwins.IsTwinKey(s.Strategy)))
        {
            return;
        }

        if (run.Nature == WorkNature.Cpu)
        {
            var parts = new List<string>();
            var inputs = new List<(string, string)>();
            var pyThreads = StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.ThreadPerTask), python: true);
            var pyProcesses = StrategyPicks.Find(run.ById, StrategyPicks.InWorkers(Concurrency.OneAtATime), python: true);
            var threads = StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.ThreadPerTask));
            if (pyThreads?.Speedup is { } py)
            {
                // The GIL as the cause only when measured (the gil-bound finding) or when 3+ repetitions show no gain.
                var gil = py <= GilSpeedup && (run.FindingOn(pyThreads.Strategy, Engine.Findings.FindingIds.GilBound) is not null
                    || (run.BaselineOf(pyThreads.Strategy) is { } pyBaseline && Noise.Compare(pyThreads, pyBaseline) is NoiseVerdict.WithinNoise or NoiseVerdict.Slower));
                parts.Add(gil ? $"{StrategyText.Name(pyThreads.Strategy)} {Speedup(py)} (the GIL lets one thread run Python code at a time)"
                    : Versus(run, pyThreads, py, "its threads computed side by side"));
                inputs.Add((pyThreads.Strategy, Speedup(py)));
            }

            if (pyProcesses?.Speedup is { } p)
            {
                parts.Add(Versus(run, pyProcesses, p, "each process has its own interpreter and GIL"));
                inputs.Add((pyProcesses.Strategy, Speedup(p)));
            }

            if (threads?.Speedup is { } x)
            {
                parts.Add(Versus(run, threads, x, "no GIL: its threads computed on several cores at once"));
                inputs.Add((threads.Strategy, Speedup(x)));
            }

            if (parts.Count > 0)
            {
                run.Add("runtimes", ExplainRanks.Runtimes, $"Each against its own sequential: {string.Join("; ", parts)}.", [.. inputs]);
            }

            return;
        }

        if (StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.Awaits), python: true) is { Speedup: { } pySpeedup } asyncio
            && StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.Awaits)) is { Speedup: { } speedup } async)
        {
            var startup = asyncio.StartupSeconds >= 0.001 ? $" (its time includes {Fmt.Seconds(asyncio.StartupSeconds)} of interpreter start)" : "";
            run.Add("runtimes", ExplainRanks.Runtimes,
                $"Each against its own sequential: Python's asyncio {Speedup(pySpeedup)} ({Fmt.Seconds(asyncio.MedianWallSeconds)}){startup}, " +
                $".NET async {Speedup(speedup)} ({Fmt.Seconds(async.MedianWallSeconds)}). Both overlap the waits; the rest is each runtime's own work per task.",
                (asyncio.Strategy, Speedup(pySpeedup)), (async.Strategy, Speedup(speedup)), ("interpreter start", Fmt.Seconds(asyncio.StartupSeconds)));
        }
    }

    /// <summary>
    /// "Python processes x1.80 (each process ...)": the speedup against its own sequential, with the
    /// cause only when faster beyond noise; otherwise the noise verdict instead.
    /// </summary>
    private static string Versus(ExplainRun run, StrategyFigures figures, double speedup, string why)
    {
        var text = $"{StrategyText.Name(figures.Strategy)} {Speedup(speedup)}";
        var baseline = run.BaselineOf(figures.Strategy);
        if (baseline is not null && Noise.Compare(figures, baseline) == NoiseVerdict.Faster)
        {
            return $"{text} ({why})";
        }

        return baseline is null ? text : $"{text} ({(speedup < 1 ? "slower than" : "against")} {StrategyText.Name(baseline.Strategy)}: {Noise.Basis(figures, baseline)})";
    }

    // What one grain call per task cost, next to worker processes that get their share in one message.
    // Only the cluster whose grains await: the blocking-grain lesson's time is its blocked turns (its own finding).
    private static void ClusterCost(ExplainRun run)
    {
        if (StrategyPicks.Find(run.ById, d => d.Placement == StrategyPlacement.LabNodes && d.Concurrency == Concurrency.Awaits) is not { } cluster)
        {
            return;
        }

        var tasks = run.Tasks;
        if (StrategyPicks.Find(run.ById, StrategyPicks.InWorkers(Concurrency.OneAtATime)) is not { } processes)
        {
            run.Add("cluster-cost", ExplainRanks.Comparison, $"The cluster made {Fmt.Count(tasks)} grain calls to its lab nodes in {Fmt.Seconds(cluster.MedianWallSeconds)}; " +
                "run processes beside it to see what the calls cost.", ("tasks", Fmt.Count(tasks)), ("wall", Fmt.Seconds(cluster.MedianWallSeconds)));
            return;
        }

        var extraPerTask = (cluster.MedianWallSeconds - processes.MedianWallSeconds) / Math.Max(1, tasks);
        var text = Noise.Compare(cluster, processes) switch
        {
            NoiseVerdict.Slower => $"The cluster took {Fmt.Seconds(cluster.MedianWallSeconds)} against {Fmt.Seconds(processes.MedianWallSeconds)} for processes, {Noise.Basis(cluster, processes)}. " +
                $"That is {Fmt.Seconds(extraPerTask)} more per task, spent outside the work on each task's grain call (the job serialised, placement, a message to the node and a reply back), " +
                "where a worker process gets its whole share in one message.",
            NoiseVerdict.Faster => $"The cluster ({Fmt.Seconds(cluster.MedianWallSeconds)}) beat processes ({Fmt.Seconds(processes.MedianWallSeconds)}), {Noise.Basis(cluster, processes)}. " +
                "One grain call per task cost little next to the work itself.",
            _ => $"The cluster took {Fmt.Seconds(cluster.MedianWallSeconds)}, processes {Fmt.Seconds(processes.MedianWallSeconds)} " +
                $"({Fmt.Seconds(Math.Abs(extraPerTask))} per task {(extraPerTask >= 0 ? "more" : "less")}): {Noise.Basis(cluster, processes)}.",
        };
        run.Add("cluster-cost", ExplainRanks.Comparison, text, ("cluster wall", Fmt.Seconds(cluster.MedianWallSeconds)),
            ("processes wall", Fmt.Seconds(processes.MedianWallSeconds)), ("tasks", Fmt.Count(tasks)), ("repetitions", Noise.Repetitions(cluster, processes)));
    }

    private static string Speedup(double speedup) => string.Create(CultureInfo.InvariantCulture, $"x{speedup:0.00}");
}
