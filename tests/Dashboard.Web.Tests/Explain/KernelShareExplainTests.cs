using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Explain;

/// <summary>The Explain panel when the kernel did most of the CPU work: what it was doing here, and what to try.</summary>
public sealed class KernelShareExplainTests
{
    private const int Pid = 77;

    private static readonly OutputPlace OnExt4 = new("disk", "ext4");
    private static readonly OutputPlace OnTmpfs = new("memory", "tmpfs");

    private static StrategyResult Result(string strategy, double user, double system, double cpuSeconds = 1.2) =>
        new(strategy, 0, 0.9, cpuSeconds, 4, 2, 0, "ok", 1_000_000,
            [new TaskSpan(0, new Lane(Pid, 1), 0, 0.5, TaskStatus.Ok, "a"), new TaskSpan(1, new Lane(Pid, 2), 0, 0.6, TaskStatus.Ok, "b")])
        {
            Counters = [new CounterSample(0.1, Pid, user + system, user, system, 10, 2, 0, 0, 1, 80), new CounterSample(0.2, Pid, user + system, user, system, 10, 2, 0, 0, 1, 80)],
        };

    private static IReadOnlyList<string> Explain(WorkloadParameters parameters, OutputPlace? outputs, params StrategyResult[] results) =>
        RunExplainer.Explain(new ExplainInput(WorkloadCatalog.Get(parameters.Workload).Kind, parameters, new StrategyOptions(), 2,
            RunFigures.Summarize(results)) { Results = results, Outputs = outputs });

    [Fact]
    public void GenreOnDisk_MostlySystemTime_NamesTheStrategiesTheFileCreatesAndMemoryOutputs()
    {
        var sentences = Explain(new GenreParameters(Tasks: 1_000), OnExt4,
            Result(StrategyIds.Async, 20, 80), Result(StrategyIds.Threads, 25, 75), Result(StrategyIds.Sequential, 80, 20));

        var kernel = Assert.Single(sentences, s => s.Contains("the kernel did most of the CPU work", StringComparison.Ordinal));
        Assert.StartsWith($"{StrategyText.Name(StrategyIds.Async)} 80 %, {StrategyText.Name(StrategyIds.Threads)} 75 % system time", kernel, StringComparison.Ordinal);
        Assert.DoesNotContain(StrategyText.Name(StrategyIds.Sequential) + " ", kernel, StringComparison.Ordinal);
        Assert.Contains("creating 1,000 files in one folder on ext4", kernel, StringComparison.Ordinal);
        Assert.Contains("Outputs: Memory (tmpfs)", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void GenreAlreadyInMemory_MostlySystemTime_BlamesTheNetworkStackNotTheFiles()
    {
        var kernel = Assert.Single(Explain(new GenreParameters(Tasks: 1_000), OnTmpfs, Result(StrategyIds.Async, 30, 70)),
            s => s.Contains("the kernel did most of the CPU work", StringComparison.Ordinal));

        Assert.Contains("already in memory (tmpfs)", kernel, StringComparison.Ordinal);
        Assert.Contains("network stack", kernel, StringComparison.Ordinal);
        Assert.DoesNotContain("Outputs: Memory", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void HelloMostlySystemTime_IsTheScheduler()
    {
        var kernel = Assert.Single(Explain(new HelloParameters(Tasks: 2, DelayMs: 10), null, Result(StrategyIds.Threads, 10, 90)),
            s => s.Contains("the kernel did most of the CPU work", StringComparison.Ordinal));

        Assert.Contains("the scheduler", kernel, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 40, 1.2)]   // mostly user time
    [InlineData(50, 50, 1.2)]   // exactly half is not most
    [InlineData(10, 90, 0.02)]  // too little CPU to tell
    public void NotMostlySystemTime_OrTooLittleCpu_SaysNothingOfTheKernel(double user, double system, double cpuSeconds)
    {
        var sentences = Explain(new GenreParameters(Tasks: 1_000), OnExt4, Result(StrategyIds.Async, user, system, cpuSeconds));

        Assert.DoesNotContain(sentences, s => s.Contains("kernel", StringComparison.Ordinal));
    }
}
