using Dashboard.Engine.Findings;
using Dashboard.Engine.Prediction;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Workloads;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Prediction;

/// <summary>The prediction on a real small run: every default strategy, worker processes included.</summary>
public sealed class RunPredictionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Check_RealHelloRun_EveryStrategyButSequentialPredictedPositive()
    {
        var runner = new LabRunner(new LabRunnerOptions { GracePeriod = TimeSpan.FromMilliseconds(500), BackgroundPriority = false });
        var plan = new RunPlan(new HelloParameters(6, "Test", 50), StrategyCatalog.DefaultIds);
        var run = runner.Start(plan, new WorkloadEnvironment("http://127.0.0.1:9/sim/", _dir.Path), CancellationToken.None);
        await foreach (var _ in run.Events)
        {
        }

        var result = await run.Completion.WaitAsync(TimeSpan.FromMinutes(5));
        var checks = RunPrediction.Check(FindingInput.Create(plan.Parameters, plan.EffectiveOptions, Environment.ProcessorCount, result.Results));

        Assert.Equal(StrategyCatalog.DefaultIds.Where(id => id != StrategyIds.Sequential), checks.Select(c => c.Strategy));
        Assert.All(checks, c => Assert.True(c.PredictedSeconds > 0 && c.MeasuredSeconds > 0 && c.Error is not null, $"{c.Strategy}: {c}"));

        // Six waits of 50 ms: sequential about 0.3 s of waiting; async waits them together, about one.
        var async = checks.Single(c => c.Strategy == StrategyIds.Async);
        var sequential = result.Of(StrategyIds.Sequential).Single();
        Assert.True(async.PredictedSeconds < sequential.WallSeconds, $"async {async.PredictedSeconds} s, sequential {sequential.WallSeconds} s");
        Assert.InRange(async.Prediction.Assumptions.WaitSeconds, 0.25, 5);
        Assert.Contains("measured", PredictionOverheads.From(result.Results).Source, StringComparison.Ordinal);
    }
}
