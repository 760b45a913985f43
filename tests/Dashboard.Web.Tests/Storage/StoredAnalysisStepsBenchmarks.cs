using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Explain;
using Dashboard.Web.Storage;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// Where the first analysis of a stored 1,000,000-task run spends its time: the run read back as a
/// page reads it (<see cref="IRunStore.GetAsync"/>, what <see cref="RunHistory.FindAsync(long, CancellationToken)"/> reads), then each step of
/// <see cref="RunAnalysis.Of"/> on its own with a stopwatch, and how many times each step reads
/// the spans (a counting list around the stored one). Figures only.
/// BENCH=1 dotnet test tests/Dashboard.Web.Tests --filter FullyQualifiedName~StoredAnalysisStepsBenchmarks.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StoredAnalysisStepsBenchmarks(ITestOutputHelper output)
{
    private const int Tasks = 1_000_000;

    [BenchmarkFact]
    public async Task Analysis_StoredMillionTaskRun_PrintsTimeAndSpanReadsPerStep()
    {
        using var folder = new TempFolder();
        await using var host = await StorageHost.StartAsync(folder.Path, new Dictionary<string, string?> { ["Storage:MaxEventsPerRun"] = "1000000" });
        await host.Store.SaveAsync(RealisticRuns.Finished(5, Tasks), null, false, TestContext.Timeout);
        var view = await host.Store.GetAsync(5, TestContext.Timeout);
        var plan = view!.Run.Plan;
        var counted = view.Run.Results.Select(r => r with { Spans = new CountingSpans(r.Spans) }).ToList();
        var reads = counted.Select(r => (CountingSpans)r.Spans).ToList();

        var watch = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        var one = 0;
        foreach (var span in counted[0].Spans)
        {
            one += span.Task & 1;
        }

        Step("one read of every span (decode)", watch, reads);
        var statistics = RunStatistics.Compute(counted);
        Step("RunStatistics.Compute", watch, reads);
        var input = RunFindings.Input(plan, view.Environment, counted);
        Step("RunFindings.Input (statistics again, limits)", watch, reads);
        var figures = RunFigures.Summarize(input.Statistics, input.Results);
        Step("RunFigures.Summarize", watch, reads);
        var findings = FindingCatalog.Run(input);
        Step("FindingCatalog.Run", watch, reads);
        var explain = ExplainInput.Of(plan, input);
        Step("ExplainInput.Of (figures and findings again)", watch, reads);
        var lines = RunExplainer.Explain(explain);
        Step("RunExplainer.Explain", watch, reads);
        var analysis = RunAnalysis.Of(plan, view.Environment, counted);
        Step("RunAnalysis.Of (the whole analysis, as the cache computes it)", watch, reads);
        Print(Invariant($"steps total {total.Elapsed.TotalSeconds:0.00} s ({statistics.Count} statistics, {figures.Count} figures, {findings.Count} findings, {lines.Count} lines, {analysis.Explanation.Count} in the analysis, {one} odd tasks)"));
    }

    private void Step(string name, Stopwatch watch, IReadOnlyList<CountingSpans> reads)
    {
        Print(Invariant($"{name}: {watch.Elapsed.TotalSeconds:0.000} s, {reads.Sum(r => r.Reads)} reads of the spans"));
        foreach (var r in reads)
        {
            r.Reads = 0;
        }

        watch.Restart();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    // Counts whole reads: an enumeration, or an index read that starts again from the first span.
    private sealed class CountingSpans(IReadOnlyList<TaskSpan> inner) : IReadOnlyList<TaskSpan>
    {
        public int Reads { get; set; }

        public int Count => inner.Count;

        public TaskSpan this[int index]
        {
            get
            {
                if (index == 0)
                {
                    Reads++;
                }

                return inner[index];
            }
        }

        public IEnumerator<TaskSpan> GetEnumerator()
        {
            Reads++;
            return inner.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
