using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>
/// The real workloads through the real runner and every strategy, including real worker
/// processes that append to the one shared titles file at the same time.
/// </summary>
[Collection(SimTargetsCollection.Name)]
public sealed class WorkloadsThroughEveryStrategyTests(SimTargetsFixture sim) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        sim.SetKnobs(k => k);
        _dir.Dispose();
    }

    private async Task<RunResult> RunAsync(WorkloadParameters parameters, IReadOnlyList<string> strategies)
    {
        // Normal priority: on a busy shared machine, niced workers would starve and the test crawl.
        var runner = new LabRunner(new LabRunnerOptions { GracePeriod = TimeSpan.FromMilliseconds(500), BackgroundPriority = false });
        var plan = new RunPlan(parameters, strategies, Options: new StrategyOptions(ProcessCount: 3));
        var run = runner.Start(plan, sim.Environment(_dir.Path), CancellationToken.None);
        await foreach (var _ in run.Events.WithCancellation(CancellationToken.None))
        {
            // Drained so the run is never held back by an unread stream.
        }

        return await run.Completion.WaitAsync(Timeout);
    }

    private static void AssertEveryStrategySucceeded(RunResult result, int tasks)
    {
        Assert.Equal(StrategyCatalog.DefaultIds, result.Results.Select(r => r.Strategy));
        Assert.All(result.Results, r => Assert.Equal((r.Strategy, tasks, 0, "ok"), (r.Strategy, r.TasksOk, r.TasksFailed, r.OutputCheck)));
    }

    [Fact]
    public async Task Scrape_EveryStrategyIncludingWorkerProcesses_WritesExactlyNTitles()
    {
        const int Pages = 24;

        var result = await RunAsync(new ScrapeParameters(Pages), StrategyCatalog.DefaultIds);

        AssertEveryStrategySucceeded(result, Pages);

        // Three worker processes appended to the same file; the check above proved no title
        // was lost or torn. Make sure they really were three other processes.
        foreach (var strategy in new[] { StrategyIds.Processes, StrategyIds.AsyncProcesses })
        {
            var pids = result.Results.Single(r => r.Strategy == strategy).Spans.Select(s => s.Lane.ProcessId).Distinct().ToList();
            Assert.Equal(3, pids.Count);
            Assert.DoesNotContain(Environment.ProcessId, pids);
        }

        // The last strategy's repetition is what the folder holds now.
        var text = File.ReadAllText(_dir.File("wiki_titles.tsv"));
        Assert.Equal(Pages, text.Count(c => c == '\t'));
    }

    [Fact]
    public async Task Genre_EveryStrategy_WritesOneFilePerTask()
    {
        const int Tasks = 12;

        var result = await RunAsync(new GenreParameters(Tasks), StrategyCatalog.DefaultIds);

        AssertEveryStrategySucceeded(result, Tasks);
        Assert.Equal(Tasks, Directory.GetFiles(_dir.Path, "new_file*.txt").Length);
    }

    [Theory]
    [InlineData(PowerEngine.Managed)]
    [InlineData(PowerEngine.Gmp)]
    public async Task Power_EveryStrategyWithEitherEngine_ReportsTheExactBitLengths(PowerEngine engine)
    {
        var result = await RunAsync(new PowerParameters(Start: 20_000, Count: 6, Engine: engine), StrategyCatalog.DefaultIds);

        AssertEveryStrategySucceeded(result, 6);
    }
}
