using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Counter samples and thread hops are stored with the run, on both providers.</summary>
public sealed class CounterStorageTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly CounterSample[] Counters =
    [
        new(0.05, 4242, 12.5, 10, 2.5, 30, 4, 7, 1.25, 3.5, 80.125),
        new(0.10, 5151, 50, 40, 10, 12, 2, 0, 0, 1, 40),
    ];

    private static RunSummary Run(long id)
    {
        var spans = new[]
        {
            new TaskSpan(0, new Lane(4242, 11), 0, 0.2, TaskStatus.Ok, "ok") { Threads = [11, 14, 11] },
            new TaskSpan(1, new Lane(4242, 12), 0.01, 0.25, TaskStatus.Ok, "ok") { Threads = [12] },
            new TaskSpan(2, new Lane(4242, 12), 0.01, 0.25, TaskStatus.Failed, "no") ,
        };
        var result = new StrategyResult(StrategyIds.Async, 0, 0.3, 0.2, 2, 2, 1, "ok", 1_000_000, spans) { Counters = Counters };
        var bare = new StrategyResult(StrategyIds.Sequential, 0, 0.3, 0.2, 1, 3, 0, "ok", 1_000_000, []);
        var created = DateTimeOffset.UtcNow;
        return new RunSummary(id, null, new RunPlan(new HelloParameters(Tasks: 3, DelayMs: 100), [StrategyIds.Async, StrategyIds.Sequential]),
            RunState.Completed, null, created, created, created.AddSeconds(1), null, [result, bare]);
    }

    private static void AssertKept(Dashboard.Web.Storage.StoredRun? stored)
    {
        Assert.NotNull(stored);
        var async = stored.Run.Results.Single(r => r.Strategy == StrategyIds.Async);
        Assert.Equal(Counters, async.Counters);
        var spans = async.Spans.OrderBy(s => s.Task).ToList();
        Assert.Equal([11, 14, 11], spans[0].Threads);
        Assert.Equal([12], spans[1].Threads);
        Assert.Null(spans[2].Threads);
        Assert.Null(stored.Run.Results.Single(r => r.Strategy == StrategyIds.Sequential).Counters);
    }

    [Fact]
    public async Task Sqlite_SaveThenGet_KeepsCountersAndThreadHops()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(Run(5), null, false, TestContext.Timeout);

        AssertKept(await host.Store.GetAsync(5, TestContext.Timeout));
    }

    [Fact]
    public async Task Postgres_SaveThenGet_KeepsCountersAndThreadHops()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = server.ConnectionString,
        };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        await host.Store.SaveAsync(Run(6), null, false, TestContext.Timeout);

        AssertKept(await host.Store.GetAsync(6, TestContext.Timeout));
    }
}
