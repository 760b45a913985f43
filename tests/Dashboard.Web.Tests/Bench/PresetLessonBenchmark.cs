using System.Diagnostics;
using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Bench;

/// <summary>
/// Does each preset teach its lesson on this machine? Runs the quick and tutorial presets of power,
/// genre and scrape (all default strategies, fitted to this machine's CPU calibration as the Run
/// page fits them) at the app's default latencies (genre 280 ms, pages 200 ms) and prints each
/// strategy's median wall and its speedup over its runtime's sequential beside the issue's goals:
/// power .NET threads, parallel and processes &gt;= x1.5, Python threads &lt;= x1.1 and Python processes
/// &gt;= x1.4; genre and scrape async and threads &gt;= x5. Also the whole preset's wall (goal about 5 s
/// for quick in .NET) and the load average before and after. PRESET_BENCH_STRESS=1 adds the stress presets;
/// PRESET_BENCH_ONLY=quick runs one preset (the tutorial's Python power run alone takes minutes).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class PresetLessonBenchmark(ITestOutputHelper output)
{
    private static readonly (string Strategy, string Runtime, string Op, double Goal)[] Goals =
    [
        (StrategyIds.Threads, "power dotnet", ">=", 1.5), (StrategyIds.Parallel, "power dotnet", ">=", 1.5), (StrategyIds.Processes, "power dotnet", ">=", 1.5),
        (StrategyIds.Threads, "power python", "<=", 1.1), (StrategyIds.Processes, "power python", ">=", 1.4),
        (StrategyIds.Async, "genre dotnet", ">=", 5), (StrategyIds.Threads, "genre dotnet", ">=", 5),
        (StrategyIds.Async, "scrape dotnet", ">=", 5), (StrategyIds.Threads, "scrape dotnet", ">=", 5),
    ];

    [BenchmarkFact]
    public async Task EveryPreset_SpeedupsOverSequential_BesideTheLessonsGoals()
    {
        await using var targets = await SimulatedTargetsServer.StartAsync(
            new Dictionary<string, string?> { ["Simulation:GenreLatencyMs"] = "280", ["Simulation:PageLatencyMs"] = "200" }, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("preset-bench-").FullName;
        try
        {
            output.WriteLine($"load average before: {LoadAverage()}; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:u}");
            var engine = PowerEngines.Resolve(null);
            var calibration = await CpuCalibrator.MeasureAsync(engine, rounds: 3);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU calibration ({calibration.Engine}): 1 process {calibration.OneProcessSeconds:0.000} s, {calibration.Processes} processes {calibration.ParallelSeconds:0.000} s, x{calibration.Speedup:0.00}"));
            // The targets answer only a live capability, as the app hands one to each run.
            using var capability = targets.Capabilities.Issue(TimeSpan.FromHours(1));
            var environment = new WorkloadEnvironment(targets.BaseUrl, folder) { TargetCapability = capability.Value };
            var presets = Environment.GetEnvironmentVariable("PRESET_BENCH_STRESS") == "1"
                ? WorkloadPresets.PresetIds
                : Environment.GetEnvironmentVariable("PRESET_BENCH_ONLY") is { Length: > 0 } only
                    ? [only]
                    : [WorkloadPresets.Quick, WorkloadPresets.Tutorial];
            foreach (var preset in presets)
            {
                foreach (var workload in new[] { PowerParameters.WorkloadId, GenreParameters.WorkloadId, ScrapeParameters.WorkloadId })
                {
                    var runtimes = workload == PowerParameters.WorkloadId ? new[] { LabRuntime.Dotnet, LabRuntime.Python } : [LabRuntime.Dotnet];
                    foreach (var runtime in runtimes)
                    {
                        var parameters = WorkloadPresets.Get(workload, preset, new PresetMachine(engine, runtime, calibration));
                        var strategies = runtime == LabRuntime.Python ? PythonTwins.Strategies : StrategyCatalog.DefaultIds;
                        var repeat = preset == WorkloadPresets.Quick ? 3 : 1;
                        await RunPresetAsync($"{workload} {PythonTwins.Id(runtime)}", preset, new RunPlan(parameters, strategies, repeat, 0, Runtime: runtime), environment);
                    }
                }
            }

            output.WriteLine($"load average after: {LoadAverage()}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task RunPresetAsync(string name, string preset, RunPlan plan, WorkloadEnvironment environment)
    {
        var clock = Stopwatch.StartNew();
        var run = new LabRunner(new LabRunnerOptions { BackgroundPriority = false }).Start(plan, environment, CancellationToken.None);
        await foreach (var _ in run.Events)
        {
        }

        var results = (await run.Completion).Results.Where(r => r.IsMeasured).ToList();
        var wall = clock.Elapsed.TotalSeconds;
        var medians = results.GroupBy(r => PythonTwins.StrategyOf(r.Strategy))
            .ToDictionary(g => g.Key, g => Quantiles.Median(g.Select(r => r.WallSeconds)), StringComparer.Ordinal);
        var failed = results.Where(r => !r.Succeeded).Select(r => r.RepetitionName()).ToList();
        var sequential = medians[StrategyIds.Sequential];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} {preset} ({WorkloadCatalog.Of(plan.Parameters).Describe(plan.Parameters)}), {plan.Repeat} repetition(s): whole run {wall:0.0} s, one pass {wall / plan.Repeat:0.0} s{(failed.Count > 0 ? $", FAILED {string.Join(", ", failed)}" : "")}"));
        foreach (var (strategy, median) in medians)
        {
            var speedup = sequential / median;
            var goal = Goals.FirstOrDefault(g => g.Strategy == strategy && g.Runtime == name);
            var verdict = goal.Op is null ? "" : $"  goal {goal.Op} x{goal.Goal:0.0}: {((goal.Op == ">=" ? speedup >= goal.Goal : speedup <= goal.Goal) ? "met" : "MISSED")}{Ceiling(goal.Goal, plan.Parameters)}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {strategy,-16} {median,8:0.000} s  x{speedup:0.00}{verdict}"));
        }
    }

    /// <summary>
    /// N waits one after another against N at once cannot be more than N times faster: a goal over
    /// the task count is out of reach whatever the strategy does (roughly: sequential also pays each call's own overhead).
    /// </summary>
    private static string Ceiling(double goal, WorkloadParameters parameters) =>
        WorkloadCatalog.Of(parameters).Kind != WorkloadKind.CpuBound && parameters.TaskCount <= goal
            ? $" (ceiling x{parameters.TaskCount}: {parameters.TaskCount} waits)"
            : "";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
