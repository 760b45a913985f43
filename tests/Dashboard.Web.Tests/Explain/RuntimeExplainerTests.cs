using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using static Dashboard.Web.Tests.Explain.ExplainRuns;

namespace Dashboard.Web.Tests.Explain;

/// <summary>The Explain panel compares the two runtimes, each against its own sequential.</summary>
public sealed class RuntimeExplainerTests
{
    [Fact]
    public void Explain_GenreBothRuntimes_ComparesEachAsyncWithItsOwnSequential()
    {
        var text = Text(Lines(new GenreParameters(100),
            One(StrategyIds.Sequential, 10, 0.1, 1, 100), One(StrategyIds.Async, 0.2, 0.03, 3, 100),
            One(PythonTwins.Key(StrategyIds.Sequential), 10.3, 0.35, 1, 100, startup: 0.3), One(PythonTwins.Key(StrategyIds.Async), 0.4, 0.33, 1, 100, startup: 0.3)));

        Assert.Contains("Each against its own sequential: Python's asyncio x25.75 (0.400 s) (its time includes 0.300 s of interpreter start), .NET async x50.00 (0.200 s).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GIL", text, StringComparison.Ordinal);
        Assert.Contains("Among the Python twins, Python async was the fastest", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_PythonTwin_ReadsAsPythonStrategy()
    {
        Assert.Equal("Python thread pool", StrategyText.Name(PythonTwins.Key(StrategyIds.ThreadPool)));
        Assert.Equal("threads", StrategyText.Name(StrategyIds.Threads));
    }
}
