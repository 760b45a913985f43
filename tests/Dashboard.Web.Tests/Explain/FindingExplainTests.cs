using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Host;
using static Dashboard.Web.Tests.Explain.ExplainRuns;

namespace Dashboard.Web.Tests.Explain;

/// <summary>Explain states a finding once, as the finding says it, and links it; it does not say it again in its own words.</summary>
public sealed class FindingExplainTests
{
    private static CounterSample Sample(double t, double user, double system, int threads = 2, long queue = 0) =>
        new(t, 100, user + system, user, system, 20, threads, queue, 0, 1, 80);

    [Fact]
    public void KernelBound_OnExt4_OneLineFromTheFindingWithWhatTheKernelDidAndMemoryOutputs()
    {
        var async = One(StrategyIds.Async, 0.9, 1.2, 3, 1_000) with { Counters = [Sample(0.1, 20, 80), Sample(0.2, 20, 80)] };

        var items = Lines(new GenreParameters(1_000), Machine(outputs: new OutputPlace("disk", "ext4")), async);

        var kernel = Assert.Single(items, i => i.Text.Contains("the kernel did", StringComparison.Ordinal));
        Assert.Equal(FindingIds.KernelBound, kernel.Finding);
        Assert.DoesNotContain(items, i => i != kernel && i.Text.Contains("system time", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("creating 1,000 files in one folder on ext4", kernel.Text, StringComparison.Ordinal);
        Assert.Contains("Outputs: Memory (tmpfs)", kernel.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelBound_AlreadyInMemory_BlamesTheNetworkStack()
    {
        var async = One(StrategyIds.Async, 0.9, 1.2, 3, 1_000) with { Counters = [Sample(0.1, 30, 70)] };

        var items = Lines(new GenreParameters(1_000), Machine(outputs: new OutputPlace("memory", "tmpfs")), async);

        var kernel = Assert.Single(items, i => i.Finding == FindingIds.KernelBound);
        Assert.Contains("already in memory (tmpfs)", kernel.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Outputs: Memory", kernel.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelBound_HelloThreads_IsTheScheduler()
    {
        var threads = One(StrategyIds.Threads, 0.9, 0.6, 2, 2) with { Counters = [Sample(0.1, 10, 90)] };

        var kernel = Assert.Single(Lines(new HelloParameters(Tasks: 2, DelayMs: 10), threads), i => i.Finding == FindingIds.KernelBound);

        Assert.Contains("the scheduler", kernel.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SyncOverAsync_StarvedPool_OneLineFromTheFinding()
    {
        var blocked = One(StrategyIds.SyncOverAsync, 2.2, 0.3, 2, 200) with
        {
            Counters = [Sample(0.05, 50, 10, threads: 2, queue: 60), Sample(1.0, 50, 10, threads: 12, queue: 4)],
        };

        var items = Lines(new GenreParameters(200), One(StrategyIds.Async, 0.11, 0.05, 3, 200), blocked);

        var starved = Assert.Single(items, i => i.Text.Contains("pool", StringComparison.Ordinal) && i.Text.Contains("queue", StringComparison.Ordinal));
        Assert.Equal(FindingIds.SyncOverAsync, starved.Finding);
        Assert.Contains("up to 60 work items waited in the pool's queue", starved.Text, StringComparison.Ordinal);
        Assert.Contains("(2 at the start, 12 at the peak)", starved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TasksTooShort_LimitLineNamesTheWarningInsteadOfItsOwnReason()
    {
        var items = Lines(new PowerParameters(150_000, 16),
            One(StrategyIds.Sequential, 0.112, 0.112, 1, 16, 0.007), One(StrategyIds.Threads, 0.165, 0.15, 16, 16, 0.15));

        Assert.Contains(items, i => i.Finding == FindingIds.TasksTooShort);
        var limit = Assert.Single(items, i => i.Rule == "limits" && i.Text.StartsWith("Threads reached", StringComparison.Ordinal));
        Assert.EndsWith("see the warning \"tasks too short\".", limit.Text, StringComparison.Ordinal);
    }
}
