using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Explain;

/// <summary>The Explain panel compares the two runtimes from the run's own figures.</summary>
public sealed class RuntimeExplainerTests
{
    [Fact]
    public void Explain_PowerBothRuntimes_SaysPythonThreadsStayNearOneBecauseOfTheGil()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(Count: 16),
            TestRuns.Result(StrategyIds.Sequential, wall: 4, cpu: 4, lanes: 1, ok: 16),
            TestRuns.Result(PythonTwins.Key(StrategyIds.Sequential), wall: 10, cpu: 10, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Threads, wall: 2.1, cpu: 4, lanes: 16, ok: 16),
            TestRuns.Result(PythonTwins.Key(StrategyIds.Threads), wall: 9.8, cpu: 10, lanes: 16, ok: 16),
            TestRuns.Result(PythonTwins.Key(StrategyIds.Processes), wall: 5.5, cpu: 10, lanes: 2, ok: 16));

        Assert.Contains("Python threads x1.02 on power (the GIL lets one thread run Python code at a time), " +
            ".NET threads x1.90 (no GIL: each thread runs on its own core); Python processes x1.82", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_GenreBothRuntimes_ComparesAsyncioWithDotnetAsync()
    {
        var text = Explain(WorkloadKind.IoBound, new GenreParameters(100),
            TestRuns.Result(StrategyIds.Sequential, wall: 10, cpu: 0.1, lanes: 1, ok: 100),
            TestRuns.Result(StrategyIds.Async, wall: 0.2, cpu: 0.03, lanes: 3, ok: 100),
            TestRuns.Result(PythonTwins.Key(StrategyIds.Async), wall: 0.4, cpu: 0.2, lanes: 1, ok: 100));

        Assert.Contains("Python's asyncio took 0.400 s, .NET async 0.200 s (2.0x faster)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GIL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_PythonTwin_ReadsAsPythonStrategy()
    {
        Assert.Equal("Python thread pool", StrategyText.Name(PythonTwins.Key(StrategyIds.ThreadPool)));
        Assert.Equal("threads", StrategyText.Name(StrategyIds.Threads));
    }

    private static string Explain(WorkloadKind kind, WorkloadParameters parameters, params Engine.Running.StrategyResult[] results) =>
        string.Join("\n", RunExplainer.Explain(new ExplainInput(
            kind, parameters, new StrategyOptions(), Cores: 2, RunFigures.Summarize(results))));
}
