using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Dashboard.Node.Tests.Cluster;

/// <summary>
/// What the cluster costs next to worker processes, side by side in one run on two local nodes:
/// power (GMP, 16 tasks) and genre (100 tasks, 100 ms). Prints wall medians, speedup against
/// sequential (a ratio of medians), the extra time per task against processes, and node start.
/// Asserts only that every task is accounted for and checked.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(NodeProcesses.Name)]
public sealed class ClusterBenchmark(ITestOutputHelper output)
{
    private const int Repeat = 5;

    [BenchmarkFact]
    public async Task PowerGmp16_ProcessesVersusClusterOnTwoNodes()
    {
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new TestOutputLoggerProvider(output)));
        await using var cluster = LabRuns.Connect(nodes: 2, loggers: loggers);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var plan = new RunPlan(new PowerParameters(Count: 16, Engine: PowerEngine.Gmp),
            [StrategyIds.Sequential, StrategyIds.Processes, StrategyIds.Cluster], Repeat, Warmup: 1, new StrategyOptions(ProcessCount: 2));

        var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token);

        Report("power gmp, 16 tasks", result, StrategyIds.Processes);
    }

    [BenchmarkFact]
    public async Task Genre100At100Ms_ProcessesVersusClusterOnTwoNodes()
    {
        await using var targets = await SimulatedTargetsServer.StartAsync(
            [new("Simulation:GenreLatencyMs", "100")], CancellationToken.None);
        await using var cluster = LabRuns.Connect(nodes: 2, simulatedTargets: targets.BaseUrl);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var plan = new RunPlan(new GenreParameters(Tasks: 100),
            [StrategyIds.Sequential, StrategyIds.Processes, StrategyIds.AsyncProcesses, StrategyIds.Cluster], 3, Warmup: 1,
            new StrategyOptions(ProcessCount: 2));

        using var capability = targets.Capabilities.Issue(TimeSpan.FromMinutes(15));
        var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token, targetBaseUrl: targets.BaseUrl,
            targetCapability: capability.Value);

        Report("genre, 100 tasks at 100 ms", result, StrategyIds.AsyncProcesses);
    }

    private void Report(string title, RunResult result, string twin)
    {
        foreach (var r in result.Results.Where(r => r.Repetition >= 0))
        {
            Assert.True(r.Succeeded, $"{r.Strategy}: {r.TasksFailed} failed, check {r.OutputCheck}");
        }

        var tasks = result.Parameters.TaskCount;
        double Median(string strategy)
        {
            var walls = result.Of(strategy).Select(r => r.WallSeconds).Order().ToList();
            return walls.Count % 2 == 1 ? walls[walls.Count / 2] : (walls[(walls.Count / 2) - 1] + walls[walls.Count / 2]) / 2;
        }

        var sequential = Median(StrategyIds.Sequential);
        var clustered = Median(StrategyIds.Cluster);
        output.WriteLine(title);
        foreach (var strategy in result.Results.Select(r => r.Strategy).Distinct())
        {
            var median = Median(strategy);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {strategy,-16} median {median,8:F3} s  speedup x{sequential / median:F2}"));
        }

        var twinMedian = Median(twin);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cluster vs {twin}: x{clustered / twinMedian:F2} the time, {(clustered - twinMedian) / tasks * 1000:F2} ms more per task"));
        var nodeStarts = result.Results.Where(r => r.Strategy == StrategyIds.Cluster).SelectMany(r => r.WorkerStartSeconds ?? []).ToList();
        var workerStarts = result.Results.Where(r => r.Strategy == twin).SelectMany(r => r.WorkerStartSeconds ?? []).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  node start: {string.Join(", ", nodeStarts.Select(s => $"{s:F2} s"))}; {twin} worker start median {workerStarts[workerStarts.Count / 2] * 1000:F1} ms"));
        var spread = result.Of(StrategyIds.Cluster).Last().Spans.GroupBy(s => s.Node).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"  tasks per node (last repetition): {string.Join(", ", spread)}");
        output.WriteLine($"  load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        Breakdown(result, twin);
        Breakdown(result, StrategyIds.Cluster);
    }

    /// <summary>
    /// Where each repetition's time went, per place (node, or worker process): tasks it ran, its
    /// first start and last end (seconds since the repetition started), the task time it summed,
    /// and its idle gaps (time between one task's end and the next start there, summed).
    /// </summary>
    private void Breakdown(RunResult result, string strategy)
    {
        foreach (var r in result.Of(strategy))
        {
            var places = r.Spans.GroupBy(s => s.Node ?? s.Lane.ProcessId.ToString(CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal);
            var parts = places.Select(g =>
            {
                var spans = g.OrderBy(s => s.Start).ToList();
                var gaps = spans.Zip(spans.Skip(1), (a, b) => Math.Max(0, b.Start - a.End)).Sum();
                return string.Create(CultureInfo.InvariantCulture,
                    $"{g.Key}: {spans.Count} tasks, first start {spans[0].Start * 1000:F1} ms, last end {spans.Max(s => s.End) * 1000:F1} ms, busy {spans.Sum(s => s.End - s.Start) * 1000:F0} ms, gaps {gaps * 1000:F1} ms");
            });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {strategy} rep {r.Repetition}: wall {r.WallSeconds * 1000:F0} ms, cpu {r.CpuSeconds:F2} s; {string.Join("; ", parts)}"));
        }
    }
}
