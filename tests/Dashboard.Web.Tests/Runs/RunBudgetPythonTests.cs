using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs;
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
        Assert.Equal(1, python.PythonTwins);
        Assert.Equal(0, python.Strategies);
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

        var dotnetRun = 100 * ((knobs.GenreLatencyMs + knobs.JitterMs / 2.0) / 1000 + WorkloadCost.HttpCallOverheadSeconds);
        var pythonRun = RunBudget.PythonStartSeconds + 100 * ((knobs.GenreLatencyMs + knobs.JitterMs / 2.0) / 1000 + WorkloadCost.PythonHttpCallOverheadSeconds);
        Assert.Equal((dotnetRun * 7 + pythonRun * 6) * 2, estimate.Seconds, 9);
        Assert.Equal(7, estimate.Strategies);
        Assert.Equal(6, estimate.PythonTwins);
        Assert.True(estimate.PythonSecondsPerTask > estimate.SecondsPerTask);
    }

    [Fact]
    public void Breakdown_Both_CountsStrategiesPerRuntime_NotThirteenStrategies()
    {
        var estimate = TestBudgets.Create().Estimate(Plan(new HelloParameters(Tasks: 10, DelayMs: 1_000), LabRuntime.Both));

        var pythonPerTask = 1 + WorkloadCost.PythonTaskOverheadSeconds + RunBudget.PythonStartSeconds / 10;
        Assert.Equal(
            $"(10 tasks x 1 s x 7 .NET strategies + 10 tasks x {pythonPerTask:0.#} s x 6 Python twins) x 1 repetition",
            estimate.Breakdown);
        Assert.DoesNotContain("13 strategies", estimate.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdown_PythonOnly_CountsTwins()
    {
        var estimate = TestBudgets.Create().Estimate(Plan(new HelloParameters(Tasks: 100, DelayMs: 2_000), LabRuntime.Python,
            StrategyIds.Sequential, StrategyIds.Async));

        // The interpreter's start is shared out over the tasks: 2 s + 0.5 s / 100 shows as 2 s.
        Assert.Equal("100 tasks x 2 s x 2 Python twins x 1 repetition", estimate.Breakdown);
        Assert.Equal(2 * (RunBudget.PythonStartSeconds + 100 * (2 + WorkloadCost.PythonTaskOverheadSeconds)), estimate.Seconds, 9);
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
        Assert.Contains("x 7 .NET strategies + 16 tasks x ", message, StringComparison.Ordinal);
        Assert.Contains("x 6 Python twins) x 4 repetitions", message, StringComparison.Ordinal);
    }
}
