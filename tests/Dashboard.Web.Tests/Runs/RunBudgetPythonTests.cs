using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Tests.Runs;

/// <summary>The budget of runs with Python twins: each twin costed at Python's speed, and the message counting runtimes right.</summary>
public sealed class RunBudgetPythonTests
{
    private static RunPlan Plan(WorkloadParameters parameters, LabRuntime runtime, params string[] strategies) =>
        new(parameters, strategies.Length == 0 ? [.. StrategyCatalog.DefaultIds] : strategies, Runtime: runtime);

    [Fact]
    public void Estimate_PowerTwin_CostsPythonIntegersNotGmp()
    {
        var budget = TestBudgets.Create();
        var power = new PowerParameters(1_000_000, 4, PowerEngine.Gmp);

        var dotnet = budget.Estimate(Plan(power, LabRuntime.Dotnet, StrategyIds.Sequential));
        var python = budget.Estimate(Plan(power, LabRuntime.Python, StrategyIds.Sequential));

        // Python's own big integers are 20-40x slower per task than GMP on i^i (measured: see PowerCost.PythonPoints).
        var ratio = (python.Seconds - RunBudget.PythonStartSeconds) / dotnet.Seconds;
        Assert.InRange(ratio, 20, 40);
        Assert.Equal("python-sequential", Assert.Single(python.Strategies).Key);
    }

    [Fact]
    public void Estimate_PowerTwin_SameWhateverTheDotnetEngine()
    {
        var budget = TestBudgets.Create();

        var withGmp = budget.Estimate(Plan(new PowerParameters(1_000_000, 4, PowerEngine.Gmp), LabRuntime.Python, StrategyIds.Sequential));
        var withManaged = budget.Estimate(Plan(new PowerParameters(1_000_000, 4, PowerEngine.Managed), LabRuntime.Python, StrategyIds.Sequential));

        Assert.Equal(withGmp.Seconds, withManaged.Seconds, 9);
    }

    [Fact]
    public void Estimate_GenreBoth_EachRuntimeAtItsOwnSpeed_ParallelHasNoTwin()
    {
        var budget = TestBudgets.Create();
        var knobs = new SimulationOptions();
        var plan = Plan(new GenreParameters(Tasks: 100), LabRuntime.Both) with { Repeat = 2 };

        var estimate = budget.Estimate(plan);

        // Sequentially each runtime at its own speed; the twin adds the interpreter's start.
        var dotnetRun = 100 * ((knobs.GenreLatencyMs + knobs.JitterMs / 2.0) / 1000 + WorkloadCost.HttpCallOverheadSeconds);
        var pythonRun = RunBudget.PythonStartSeconds + 100 * ((knobs.GenreLatencyMs + knobs.JitterMs / 2.0) / 1000 + WorkloadCost.PythonHttpCallOverheadSeconds);
        var walls = estimate.Strategies.ToDictionary(s => s.Key, s => s.Seconds);
        Assert.Equal(dotnetRun, walls[StrategyIds.Sequential], 9);
        Assert.Equal(pythonRun, walls[PythonTwins.Key(StrategyIds.Sequential)], 9);
        Assert.Equal(7, estimate.Strategies.Count(s => !PythonTwins.IsTwinKey(s.Key)));
        Assert.Equal(6, estimate.Strategies.Count(s => PythonTwins.IsTwinKey(s.Key)));
        Assert.DoesNotContain(PythonTwins.Key(StrategyIds.Parallel), walls.Keys);
        Assert.Equal(walls.Values.Sum() * 2, estimate.Seconds, 9);
    }

    [Fact]
    public void Estimate_PowerPythonThreads_GilBound_OneCore_PythonProcessesShareTheCores()
    {
        var plan = Plan(new PowerParameters(1_000_000, 16, PowerEngine.Gmp), LabRuntime.Python,
            StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.Processes);

        var walls = TestBudgets.Create().Estimate(plan, cores: 2).Strategies.ToDictionary(s => s.Key, s => s.Seconds);

        var work = walls[PythonTwins.Key(StrategyIds.Sequential)] - RunBudget.PythonStartSeconds;
        Assert.Equal(work + RunBudget.PythonStartSeconds, walls[PythonTwins.Key(StrategyIds.Threads)], 9); // the GIL: one core
        Assert.Equal(work / 2 + RunBudget.PythonStartSeconds, walls[PythonTwins.Key(StrategyIds.Processes)], 9);
    }

    [Fact]
    public void ThrowIfOverBudget_PowerTutorialPresetBoth_RefusedBecauseOfThePythonTwins()
    {
        // 16 tasks of i^i from 1,000,000: well inside the budget with GMP in .NET; six Python twins
        // at ~2.7 s a task are ~260 s more, and 4 repetitions of that pass 900 s.
        var budget = TestBudgets.Create();
        var power = WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Tutorial) as PowerParameters;
        var dotnetOnly = Plan(power! with { Engine = PowerEngine.Gmp }, LabRuntime.Dotnet) with { Repeat = 4 };
        var both = dotnetOnly with { Runtime = LabRuntime.Both };

        budget.ThrowIfOverBudget(dotnetOnly);
        var ex = Assert.Throws<InvalidParametersException>(() => budget.ThrowIfOverBudget(both));

        var message = Assert.Single(ex.Errors["budget"]);
        Assert.Contains("(13 strategy runs x 4 repetitions)", message, StringComparison.Ordinal);
        Assert.Contains("python-", message, StringComparison.Ordinal); // a twin costs most
    }
}
