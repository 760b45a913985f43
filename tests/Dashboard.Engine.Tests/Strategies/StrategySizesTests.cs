using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

public sealed class StrategySizesTests
{
    [Theory]
    [InlineData("threadpool@4", "threadpool", 4)]
    [InlineData("async@100000", "async", 100_000)]
    [InlineData("async-processes@64", "async-processes", 64)]
    [InlineData("parallel@1", "parallel", 1)]
    public void TryParse_PointKey_SplitsIt(string key, string strategy, int size)
    {
        Assert.True(StrategySizes.TryParse(key, out var s, out var n));
        Assert.Equal((strategy, size), (s, n));
        Assert.Equal(key, StrategySizes.Key(s, n));
    }

    [Theory]
    [InlineData("threadpool")]
    [InlineData("threads@4")]
    [InlineData("sequential@1")]
    [InlineData("threadpool@0")]
    [InlineData("threadpool@04")]
    [InlineData("threadpool@+4")]
    [InlineData("processes@65")]
    [InlineData("threadpool@")]
    [InlineData("@4")]
    [InlineData("python-threadpool@4")]
    public void TryParse_NotAPoint_IsFalse(string key)
    {
        Assert.False(StrategySizes.TryParse(key, out _, out _));
        Assert.Equal(key, StrategySizes.StrategyOf(key));
    }

    [Fact]
    public void OptionsFor_Point_SetsOnlyItsOwnKnob()
    {
        var options = new StrategyOptions(ThreadPoolSize: 7, ProcessCount: 3);

        Assert.Equal(options with { ThreadPoolSize = 2 }, StrategySizes.OptionsFor("threadpool@2", options));
        Assert.Equal(options with { ProcessCount = 5 }, StrategySizes.OptionsFor("async-processes@5", options));
        Assert.Equal(options with { AsyncCap = 9 }, StrategySizes.OptionsFor("async@9", options));
        Assert.Equal(options with { ParallelDegree = 1 }, StrategySizes.OptionsFor("parallel@1", options));
        Assert.Same(options, StrategySizes.OptionsFor("threadpool", options));
    }

    [Theory]
    [InlineData("1,2,4,8", new[] { 1, 2, 4, 8 })]
    [InlineData(" 8 4, 2 ", new[] { 8, 4, 2 })]
    [InlineData("", new int[0])]
    public void TryParseList_Numbers_ReadsThem(string text, int[] expected)
    {
        Assert.True(StrategySizes.TryParseList(text, out var sizes, out var error));
        Assert.Null(error);
        Assert.Equal(expected, sizes);
    }

    [Theory]
    [InlineData("1,two")]
    [InlineData("1,-2")]
    [InlineData("1.5,2")]
    [InlineData("99999999999,1")]
    public void TryParseList_NotNumbers_SaysSo(string text)
    {
        Assert.False(StrategySizes.TryParseList(text, out _, out var error));
        Assert.Contains("whole numbers", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Sweep_ExpandsSizedStrategiesSmallestFirst()
    {
        var plan = new RunPlan(new HelloParameters(2, "Test", 0),
            [StrategyIds.Sequential, StrategyIds.ThreadPool, StrategyIds.Threads, StrategyIds.Processes], Sweep: [4, 1, 2]);

        Assert.Empty(plan.Validate());
        Assert.Equal(
            ["sequential", "threadpool@1", "threadpool@2", "threadpool@4", "threads", "processes@1", "processes@2", "processes@4"],
            plan.StrategyRuns);
    }

    [Theory]
    [InlineData(new[] { 1 }, "2 to 8 sizes")]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, "2 to 8 sizes")]
    [InlineData(new[] { 1, 2, 2 }, "once")]
    [InlineData(new[] { 0, 2 }, "start at 1")]
    [InlineData(new[] { 1, 65 }, "above the processes limit of 64 processes")]
    public void Plan_BadSweep_NamesTheProblem(int[] sweep, string expected)
    {
        var plan = new RunPlan(new HelloParameters(2, "Test", 0), [StrategyIds.ThreadPool, StrategyIds.Processes], Sweep: sweep);

        var errors = plan.Validate();

        Assert.Contains(errors["sweep"], m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_SweepWithoutSizedStrategy_IsRefused()
    {
        var plan = new RunPlan(new HelloParameters(2, "Test", 0), [StrategyIds.Sequential, StrategyIds.Threads], Sweep: [1, 2]);

        Assert.Contains(plan.Validate()["sweep"], m => m.Contains("tick at least one", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_SweepWithPython_IsRefused()
    {
        var plan = new RunPlan(new HelloParameters(2, "Test", 0), [StrategyIds.ThreadPool], Sweep: [1, 2], Runtime: LabRuntime.Both);

        Assert.Contains(plan.Validate()["sweep"], m => m.Contains(".NET strategies only", StringComparison.Ordinal));
    }
}
