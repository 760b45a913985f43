using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

/// <summary>A run's time split (span cpu, ready, transfer, segments; worker starts; runtime events) survives both providers.</summary>
public sealed class TimeSplitStorageTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static RunSummary Run(long id)
    {
        var spans = new[]
        {
            new TaskSpan(0, new Lane(4242, 11), 0, 0.2, TaskStatus.Ok, "ok")
            {
                Cpu = 0.15, Ready = 0.02, Transfer = 0.0005,
                Segments = [new(11, 0, 0.05), new(14, 0.15, 0.2)],
            },
            new TaskSpan(1, new Lane(4242, 12), 0.01, 0.25, TaskStatus.Ok, "ok"),
        };
        var result = new StrategyResult(StrategyIds.Processes, 0, 0.3, 0.2, 2, 2, 0, "ok", 1_000_000, spans)
        {
            WorkerStartSeconds = [0.012, 0.015],
            RuntimeEvents = new RuntimeEvents([new PoolAdjustment(0.1, 4242, 5, PoolAdjustmentReason.Starvation)], 3, 0.25),
        };
        var created = DateTimeOffset.UtcNow;
        return new RunSummary(id, null, new RunPlan(new HelloParameters(Tasks: 2, DelayMs: 100), [StrategyIds.Processes]),
            RunState.Completed, null, created, created, created.AddSeconds(1), null, [result]);
    }

    private static void AssertKept(Dashboard.Web.Storage.StoredRun? stored)
    {
        Assert.NotNull(stored);
        var result = stored.Run.Results.Single();
        var spans = result.Spans.OrderBy(s => s.Task).ToList();
        Assert.Equal((0.15, 0.02, 0.0005), (spans[0].Cpu, spans[0].Ready, spans[0].Transfer));
        Assert.Equal([new TaskSegment(11, 0, 0.05), new TaskSegment(14, 0.15, 0.2)], spans[0].Segments);
        Assert.Null(spans[1].Cpu);
        Assert.Null(spans[1].Segments);
        Assert.Equal([0.012, 0.015], result.WorkerStartSeconds);
        var events = Assert.IsType<RuntimeEvents>(result.RuntimeEvents);
        Assert.Equal((3L, 0.25, 1), (events.Contentions, events.ContentionWaitSeconds, events.Starvations));
        Assert.Equal(new PoolAdjustment(0.1, 4242, 5, PoolAdjustmentReason.Starvation), events.Adjustments.Single());
    }

    [Fact]
    public async Task Sqlite_SaveThenGet_KeepsTheSplit()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(Run(17), null, false, TestContext.Timeout);

        AssertKept(await host.Store.GetAsync(17, TestContext.Timeout));
    }

    [Fact]
    public async Task Postgres_SaveThenGet_KeepsTheSplit()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = server.ConnectionString,
        };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        await host.Store.SaveAsync(Run(18), null, false, TestContext.Timeout);

        AssertKept(await host.Store.GetAsync(18, TestContext.Timeout));
    }
}
