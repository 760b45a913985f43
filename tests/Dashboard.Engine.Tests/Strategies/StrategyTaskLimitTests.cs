using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>A million hellos for the strategies whose waits hold no thread; threads and the Python twins stop earlier, each saying why.</summary>
public sealed class StrategyTaskLimitTests
{
    [Theory]
    [InlineData(StrategyIds.Async)]
    [InlineData(StrategyIds.AsyncProcesses)]
    [InlineData(StrategyIds.Cluster)]
    [InlineData(StrategyIds.Sequential)]
    public void Validate_MillionHellos_AcceptedForStrategiesWithoutALimitOfTheirOwn(string strategy)
    {
        var plan = new RunPlan(new HelloParameters(Tasks: 1_000_000, DelayMs: 10_000), [strategy]);

        Assert.Empty(plan.Validate());
    }

    [Fact]
    public void Validate_MillionAndOneHellos_RefusedByTheWorkloadsLimit()
    {
        var plan = new RunPlan(new HelloParameters(Tasks: 1_000_001), [StrategyIds.Async]);

        Assert.Contains("1,000,000", Assert.Single(plan.Validate()["tasks"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThreadsPastTenThousand_RefusedWithTheReasonAndWhatToDo()
    {
        var atLimit = new RunPlan(new HelloParameters(Tasks: ThreadsStrategy.MaxTasks), [StrategyIds.Threads, StrategyIds.Async]);
        var past = atLimit with { Parameters = new HelloParameters(Tasks: ThreadsStrategy.MaxTasks + 1) };

        Assert.Empty(atLimit.Validate());
        var message = Assert.Single(past.Validate()["tasks"]);
        Assert.StartsWith("threads runs at most 10,000 tasks: each task is an OS thread of its own", message, StringComparison.Ordinal);
        Assert.EndsWith("Untick threads, or run fewer tasks.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PythonTwinPastItsLimit_RefusedInPythonAndBoth_NotInDotnet()
    {
        var hello = new HelloParameters(Tasks: PythonTwins.MaxTasks + 1, DelayMs: 0);
        var dotnet = new RunPlan(hello, [StrategyIds.Async]);

        Assert.Empty(dotnet.Validate());
        foreach (var runtime in new[] { LabRuntime.Python, LabRuntime.Both })
        {
            var message = Assert.Single((dotnet with { Runtime = runtime }).Validate()["tasks"]);
            Assert.Contains("A Python twin runs at most 100,000 tasks", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wall_TenSecondSleeps_AsyncAboutOneWait_SequentialTheSum()
    {
        var work = new WorkloadEstimate(1_000 * 10.0, "waits", WaitSeconds: 1_000 * 10.0);

        var async = StrategyCost.Wall(StrategyIds.Async, work, 1_000, new StrategyOptions(), cores: 2);
        var sequential = StrategyCost.Wall(StrategyIds.Sequential, work, 1_000, new StrategyOptions(), cores: 2);
        var capped = StrategyCost.Wall(StrategySizes.Key(StrategyIds.Async, 100), work, 1_000, new StrategyOptions(), cores: 2);

        Assert.Equal(10, async.Seconds, 9);
        Assert.Equal(1_000, async.Lanes);
        Assert.Equal(10_000, sequential.Seconds, 9);
        Assert.Equal(100, capped.Seconds, 9); // at most 100 at a time: 10 rounds
    }
}
