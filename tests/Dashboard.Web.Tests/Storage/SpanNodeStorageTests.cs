using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

/// <summary>A cluster run's spans keep the node (silo) that ran each task, on both providers.</summary>
public sealed class SpanNodeStorageTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static RunSummary Run(long id)
    {
        var spans = new[]
        {
            new TaskSpan(0, new Lane(4242, 11), 0, 0.2, TaskStatus.Ok, "ok", "node-1"),
            new TaskSpan(1, new Lane(5151, 12), 0.01, 0.25, TaskStatus.Ok, "ok", "node-2"),
            new TaskSpan(2, new Lane(77, 1), 0.01, 0.25, TaskStatus.Failed, "the grain call failed"),
        };
        var cluster = new StrategyResult(StrategyIds.Cluster, 0, 0.3, 0.2, 3, 2, 1, "ok", 1_000_000, spans);
        var created = DateTimeOffset.UtcNow;
        return new RunSummary(id, null, new RunPlan(new HelloParameters(Tasks: 3, DelayMs: 100), [StrategyIds.Cluster]),
            RunState.Completed, null, created, created, created.AddSeconds(1), null, [cluster]);
    }

    private static void AssertKept(Dashboard.Web.Storage.StoredRun? stored)
    {
        Assert.NotNull(stored);
        var spans = stored.Run.Results.Single().Spans.OrderBy(s => s.Task).ToList();
        Assert.Equal(["node-1", "node-2", null], spans.Select(s => s.Node));
        Assert.Equal(new Lane(5151, 12), spans[1].Lane);
    }

    [Fact]
    public async Task Sqlite_SaveThenGet_KeepsEachSpansNode()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(Run(7), null, false, TestContext.Timeout);

        AssertKept(await host.Store.GetAsync(7, TestContext.Timeout));
    }

    [Fact]
    public async Task Postgres_SaveThenGet_KeepsEachSpansNode()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = server.ConnectionString,
        };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        await host.Store.SaveAsync(Run(8), null, false, TestContext.Timeout);

        AssertKept(await host.Store.GetAsync(8, TestContext.Timeout));
    }
}
