using Dashboard.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Storage:MaxStoredBytes: retention counts what runs take (span blobs included), oldest out first, the newest always kept.</summary>
public sealed class ByteRetentionTests : IDisposable
{
    private const long Max = 1L << 20;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SaveAsync_RunsBeyondMaxStoredBytes_OldestDeletedUntilTheRestFits()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path, Settings());
        long id = 0;
        // Bounded: 20 runs of 20,000 spans are far more than 1 MiB in any encoding.
        while (id < 20 && (await StoredAsync(host)).Count == id)
        {
            id++;
            await host.Store.SaveAsync(RealisticRuns.Finished(id, 20_000, seed: (int)id), null, false, TestContext.Timeout);
        }

        var stored = await StoredAsync(host);
        Assert.True(stored.Count < id, $"{id} runs saved, none deleted");
        Assert.Equal(Enumerable.Range((int)id - stored.Count + 1, stored.Count).Select(i => (long)i), stored.Keys.Order());
        Assert.True(stored.Values.Sum() <= Max, $"{stored.Values.Sum()} bytes kept");
        Assert.True(stored.Values.Sum() + await BytesOfAsync(RealisticRuns.Finished(id - stored.Count, 20_000, seed: (int)(id - stored.Count))) > Max);
        Assert.Null(await host.Store.GetAsync(id - stored.Count, TestContext.Timeout));
        Assert.Equal(20_000, (await host.Store.GetAsync(id, TestContext.Timeout))!.Run.Results.Single().Spans.Count);
    }

    [Fact]
    public async Task SaveAsync_OneRunLargerThanMaxStoredBytes_KeptAsTheNewest()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path, Settings());
        await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        await host.Store.SaveAsync(RealisticRuns.Finished(2, 300_000), null, false, TestContext.Timeout);

        var stored = await StoredAsync(host);

        Assert.Equal([2L], stored.Keys);
        Assert.True(stored[2] > Max, $"the large run counted {stored[2]} bytes");
        Assert.Equal(300_000, (await host.Store.GetAsync(2, TestContext.Timeout))!.Run.Results.Single().Spans.Count);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Storage:MaxStoredBytes"] = Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Storage:MaxEventsPerRun"] = "1000000",
    };

    /// <summary>Bytes per stored run as retention counts them (run row plus its results).</summary>
    private static async Task<Dictionary<long, long>> StoredAsync(StorageHost host)
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Timeout);
        return await db.Runs.ToDictionaryAsync(
            r => r.Id,
            r => r.StoredBytes + db.StrategyResults.Where(s => s.RunId == r.Id).Sum(s => s.StoredBytes),
            TestContext.Timeout);
    }

    private async Task<long> BytesOfAsync(Dashboard.Web.Runs.Lifecycle.RunSummary run)
    {
        using var other = new TempFolder();
        await using var host = await StorageHost.StartAsync(other.Path, Settings());
        await host.Store.SaveAsync(run, null, false, TestContext.Timeout);
        return (await StoredAsync(host))[run.Id];
    }
}
