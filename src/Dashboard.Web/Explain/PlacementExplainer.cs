using System.Globalization;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>
/// Sentences about where tasks ran: what starting worker processes cost next to threads, Python's
/// twins next to .NET, and one grain call per task on lab nodes next to worker processes.
/// </summary>
internal static class PlacementExplainer
{
    public static void Explain(Dictionary<string, StrategyFigures> byId, ExplainInput input, WorkNature measured, List<string> sentences)
    {
        ProcessStart(byId, input, measured, sentences);
        Runtimes(byId, measured, input.Parameters.Workload, sentences);
        ClusterCost(byId, input.Parameters.TaskCount, sentences);
    }

    private static void ProcessStart(Dictionary<string, StrategyFigures> byId, ExplainInput input, WorkNature measured, List<string> sentences)
    {
        if (StrategyPicks.Ran(byId, StrategyPicks.InWorkers(Concurrency.OneAtATime)) is not { } descriptor)
        {
            return;
        }

        // Compare with the in-process strategy that does the same kind of work side by side: on
        // waits, one with a fixed number of threads (a thread per task waits on all at once).
        var processes = byId[descriptor.Id];
        var k = StrategyPicks.Workers(descriptor, input);
        var twin = descriptor.InProcessPeers
            .Where(byId.ContainsKey)
            .Where(id => measured == WorkNature.Cpu || StrategyCatalog.Get(id).Concurrency != Concurrency.ThreadPerTask)
            .Select(id => byId[id])
            .FirstOrDefault();
        if (twin is null)
        {
            return;
        }

        var extra = processes.MedianWallSeconds - twin.MedianWallSeconds;
        var name = Fmt.Capital(StrategyText.Name(processes.Strategy));
        sentences.Add(extra > 0
            ? $"{name} took {Fmt.Seconds(processes.MedianWallSeconds)}, {Fmt.Seconds(extra)} more than {StrategyText.Name(twin.Strategy)} " +
              $"({Fmt.Seconds(twin.MedianWallSeconds)}): that is about what starting {k} worker processes and passing them work " +
              "and results costs; threads live in one process and skip it."
            : $"{name} ({Fmt.Seconds(processes.MedianWallSeconds)}) kept up with {StrategyText.Name(twin.Strategy)} " +
              $"({Fmt.Seconds(twin.MedianWallSeconds)}): starting {k} worker processes was small next to the work itself.");
    }

    /// <summary>
    /// The two runtimes side by side, each against its own sequential: on CPU-bound work Python's
    /// threads stay near 1x (the GIL) where .NET's scale; on waits, how close asyncio comes to
    /// .NET's async.
    /// </summary>
    private static void Runtimes(Dictionary<string, StrategyFigures> byId, WorkNature measured, string workload, List<string> sentences)
    {
        var pyThreads = StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.ThreadPerTask), python: true);
        var pyProcesses = StrategyPicks.Find(byId, StrategyPicks.InWorkers(Concurrency.OneAtATime), python: true);
        var threads = StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.ThreadPerTask));
        if (measured == WorkNature.Cpu && pyThreads?.Speedup is { } py)
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

        if (measured != WorkNature.Cpu
            && StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.Awaits), python: true) is { } asyncio
            && StrategyPicks.Find(byId, StrategyPicks.InProcess(Concurrency.Awaits)) is { } async)
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
        if (StrategyPicks.Find(byId, d => d.Placement == StrategyPlacement.LabNodes) is not { } cluster)
        {
            return;
        }

        if (StrategyPicks.Find(byId, StrategyPicks.InWorkers(Concurrency.OneAtATime)) is not { } processes)
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
}
