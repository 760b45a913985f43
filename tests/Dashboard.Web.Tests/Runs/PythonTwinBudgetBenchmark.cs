using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// Calibration of <see cref="RunBudget"/>'s Python figures: small runs of the sequential twin (real
/// python3, in-process simulated targets at 0 ms so only the runtime's own cost is left), each
/// measured wall time beside the budget's estimate of the same plan and beside .NET's. Re-run it
/// after changing the twins: BENCH=1 dotnet test tests/Dashboard.Web.Tests --filter PythonTwinBudgetBenchmark.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class PythonTwinBudgetBenchmark(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task SequentialTwins_MeasuredWallBesideTheBudgetsEstimate()
    {
        await using var targets = await SimulatedTargetsServer.StartAsync(
            new Dictionary<string, string?> { ["Simulation:GenreLatencyMs"] = "0", ["Simulation:PageLatencyMs"] = "0" }, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("python-budget-").FullName;
        try
        {
            var environment = new WorkloadEnvironment(targets.BaseUrl, folder);
            var budget = new RunBudget(Options.Create(new RunServiceOptions()), targets.Knobs, Options.Create(new LabEngineOptions()));
            var cases = new (string Name, WorkloadParameters Parameters, int PageKb)[]
            {
                ("hello 1 x 0 ms", new HelloParameters(Tasks: 1, DelayMs: 0), 100),
                ("hello 1,000 x 0 ms", new HelloParameters(Tasks: 1_000, DelayMs: 0), 100),
                ("genre 200 at 0 ms", new GenreParameters(Tasks: 200), 100),
                ("scrape 20 x 100 KB", new ScrapeParameters(Pages: 20), 100),
                ("scrape 20 x 500 KB", new ScrapeParameters(Pages: 20), 500),
                ("power 1 from 150,000", new PowerParameters(150_000, 1, PowerEngine.Gmp), 100),
                ("power 1 from 500,000", new PowerParameters(500_000, 1, PowerEngine.Gmp), 100),
                ("power 1 from 1,000,000", new PowerParameters(1_000_000, 1, PowerEngine.Gmp), 100),
            };
            output.WriteLine($"{"case",-24} {"runtime",-8} {"wall s",9} {"cpu s",9} {"estimate s",11} {"est/wall",9}");
            foreach (var (name, parameters, pageKb) in cases)
            {
                targets.Knobs.Update(k => k with { PageSizeKb = pageKb });
                foreach (var runtime in new[] { LabRuntime.Dotnet, LabRuntime.Python })
                {
                    var plan = new RunPlan(parameters, [StrategyIds.Sequential], Repeat: 3, Warmup: 0, Runtime: runtime);
                    var results = await RunAsync(plan, environment);
                    Assert.All(results, r => Assert.Equal("ok", r.OutputCheck));
                    var wall = results.Select(r => r.WallSeconds).Order().ElementAt(1);
                    var cpu = results.Select(r => r.CpuSeconds).Order().ElementAt(1);
                    var estimate = budget.Estimate(plan with { Repeat = 1 }).Seconds;
                    output.WriteLine($"{name,-24} {PythonTwins.Id(runtime),-8} {wall,9:0.0000} {cpu,9:0.0000} {estimate,11:0.0000} {estimate / wall,9:0.00}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<StrategyResult>> RunAsync(RunPlan plan, WorkloadEnvironment environment)
    {
        var run = new LabRunner(new LabRunnerOptions { BackgroundPriority = false }).Start(plan, environment, CancellationToken.None);
        await foreach (var _ in run.Events)
        {
        }

        return (await run.Completion).Results.Where(r => r.Repetition >= 0).ToList();
    }
}
