using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>Strategies over real loopback HTTP to the simulated targets.</summary>
[Collection(SimTargetsCollection.Name)]
public sealed class HttpWorkloadStrategyTests(SimTargetsFixture targets) : IDisposable
{
    private readonly RunHarness _harness = new();

    public static TheoryData<string> AllStrategies => [.. StrategyCatalog.DefaultIds];

    private WorkloadEnvironment Environment => targets.Environment(_harness.OutputDirectory);

    private async Task<(List<LabEvent> Events, RunResult Result)> RunAsync(RunPlan plan) =>
        await RunHarness.CompleteAsync(new LabRunner().Start(plan, Environment, CancellationToken.None)).WaitAsync(RunHarness.Timeout);

    [Fact]
    public async Task Async_Genre_SpansOverlap()
    {
        targets.SetLatency(300);

        var (_, result) = await RunAsync(new RunPlan(new GenreParameters(20), [StrategyIds.Async]));

        var r = result.Results[0];
        Assert.Equal((20, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        Assert.True(RunHarness.MaxOverlap(r.Spans) > 1, "genre calls that wait on the network should wait together");
    }

    [Theory]
    [MemberData(nameof(AllStrategies))]
    public async Task Run_Genre_EveryStrategyWritesEveryFile(string strategy)
    {
        targets.SetLatency(5);

        var (_, result) = await RunAsync(new RunPlan(new GenreParameters(12), [strategy], Options: new StrategyOptions(ProcessCount: 2)));

        var r = result.Results[0];
        Assert.Equal((12, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        Assert.Equal(12, Directory.EnumerateFiles(_harness.OutputDirectory, "new_file*.txt").Count());
    }

    [Theory]
    [InlineData(StrategyIds.Processes)]
    [InlineData(StrategyIds.AsyncProcesses)]
    [InlineData(StrategyIds.Threads)]
    public async Task Run_Scrape_AcrossWorkersWritesExactlyNTitles(string strategy)
    {
        targets.SetLatency(5);

        var (_, result) = await RunAsync(new RunPlan(new ScrapeParameters(30), [strategy], Options: new StrategyOptions(ProcessCount: 3)));

        var r = result.Results[0];
        Assert.Equal((30, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        var titles = File.ReadAllText(Path.Combine(_harness.OutputDirectory, "wiki_titles.tsv"))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(30, titles.Length);
    }

    [Fact]
    public async Task Run_TargetFailsEveryRequest_TasksFailWithReasonAndRunCompletes()
    {
        targets.SetKnobs(k => k with { FailureRate = 1 });

        var (events, result) = await RunAsync(new RunPlan(new GenreParameters(4), [StrategyIds.Processes, StrategyIds.Async],
            Options: new StrategyOptions(ProcessCount: 2)));

        Assert.All(result.Results, r => Assert.Equal((0, 4), (r.TasksOk, r.TasksFailed)));
        Assert.All(events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Failed), e => Assert.False(string.IsNullOrWhiteSpace(e.Detail)));
    }

    public void Dispose() => _harness.Dispose();
}
