using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Explain;

public sealed class ScalingExplainerTests
{
    /// <summary>A thread-pool sweep whose walls follow Amdahl's law with f = 0.2: T(n) = 0.2 + 0.8 / n.</summary>
    private static StrategyResult[] PowerSweep() =>
    [
        TestRuns.Result(StrategyIds.Sequential, wall: 1.0, cpu: 1.0, lanes: 1, ok: 16),
        TestRuns.Result(StrategySizes.Key(StrategyIds.ThreadPool, 1), wall: 1.0, cpu: 1.0, lanes: 1, ok: 16),
        TestRuns.Result(StrategySizes.Key(StrategyIds.ThreadPool, 2), wall: 0.6, cpu: 1.0, lanes: 2, ok: 16),
        TestRuns.Result(StrategySizes.Key(StrategyIds.ThreadPool, 4), wall: 0.4, cpu: 1.0, lanes: 4, ok: 16),
    ];

    [Fact]
    public void Explain_CpuSweep_QuotesTheSerialFractionAndWhatItMeans()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(1_000_000, 16), cores: 4, PowerSweep());

        Assert.Contains(
            "The thread pool sweep reached 2.5x at 4 workers against its own size 1. Amdahl's law fits it with a serial fraction of 0.200 (r² 1.00): " +
            "about 20% of this run's work did not shrink with more workers, so no size could make it more than 5.0x faster here.",
            text, StringComparison.Ordinal);
        Assert.DoesNotContain("cores running out", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CpuSweepPastTheCores_SaysTheCoresRunOut()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(1_000_000, 16), cores: 2, PowerSweep());

        Assert.Contains("This machine has 2 cores: sizes above 2 cannot compute at once", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_IoSweep_SaysNotAmdahlShapedAndFitsNothing()
    {
        var text = Explain(WorkloadKind.IoBound, new HelloParameters(16, "x", 100), cores: 2, PowerSweep());

        Assert.Contains("This sweep is not Amdahl-shaped, so no serial fraction is fitted: hello waits rather than computes", text, StringComparison.Ordinal);
        Assert.Contains("thread pool went from 1.0x at 1 to 2.5x at 4", text, StringComparison.Ordinal);
        Assert.DoesNotContain("serial fraction of", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NoSweep_SaysNothingAboutScaling()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(1_000_000, 16), cores: 2,
            TestRuns.Result(StrategyIds.Sequential, wall: 1.0, cpu: 1.0, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.ThreadPool, wall: 0.6, cpu: 1.0, lanes: 2, ok: 16));

        Assert.DoesNotContain("sweep", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Amdahl", text, StringComparison.Ordinal);
    }

    private static string Explain(WorkloadKind kind, WorkloadParameters parameters, int cores, params StrategyResult[] results) =>
        string.Join("\n", RunExplainer.Sentences(new ExplainInput(
            kind, parameters, new StrategyOptions(), cores, RunFigures.Summarize(results))
        {
            Scaling = ScalingSweep.Compute(RunStatistics.Compute(results)),
        }));
}
