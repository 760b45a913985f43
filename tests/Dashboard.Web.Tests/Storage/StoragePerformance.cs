using System.Diagnostics;
using System.Globalization;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// What storing costs on a real SQLite file (the history must stay quick as runs pile up): time to store a 10,000-span run, file size per
/// 10,000 stored spans, and the history list over 1,000 runs. Prints medians; asserts only the
/// counts (timing claims are figures, not pass/fail conditions on a shared machine). Run with
/// BENCH=1 dotnet test tests/Dashboard.Web.Tests --filter Category=Benchmark --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StoragePerformance(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [BenchmarkFact]
    public async Task SaveAsync_TenThousandSpanRuns_StoresAllSpansAndReportsTimeAndSize()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        var plan = TestRuns.HelloPlan(tasks: 10_000, repeat: 1, StrategyIds.Async) with { Warmup = 0 };
        var emptySize = DatabaseBytes();
        const int runs = 7;
        const int warmups = 2;
        var first = new double[warmups];
        var times = new double[runs];
        for (var i = 0; i < warmups + runs; i++)
        {
            var run = TestRuns.Finished(i + 1, plan);
            var watch = Stopwatch.StartNew();
            await host.Store.SaveAsync(run, null, false, TestContext.Timeout);
            (i < warmups ? first : times)[i < warmups ? i : i - warmups] = watch.Elapsed.TotalMilliseconds;
        }

        var perTenThousand = (DatabaseBytes() - emptySize) / (double)(warmups + runs);
        var load = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var stored = await host.Store.GetAsync(warmups + i + 1, TestContext.Timeout);
            load[i] = watch.Elapsed.TotalMilliseconds;
            Assert.Equal(10_000, stored!.Run.Results.Single().Spans.Count);
        }

        output.WriteLine(Invariant($"save 10,000-span run: median {Median(times):0.0} ms (min {times.Min():0.0}, max {times.Max():0.0}) after 2 warm-up saves ({first[0]:0} and {first[1]:0} ms: JIT, first statements)"));
        output.WriteLine(Invariant($"load 10,000-span run (GetAsync): median {Median(load):0.0} ms"));
        output.WriteLine(Invariant($"SQLite file growth per 10,000 stored task spans: {perTenThousand / 1024:0} KiB ({perTenThousand / 10_000:0.0} bytes/span)"));
    }

    [BenchmarkFact]
    public async Task AppendResultAsync_TenThousandTaskRepetitions_StoresEachAsItEndsAndReportsTime()
    {
        // A cap high enough that every span of every repetition is stored: the worst case per save.
        var settings = new Dictionary<string, string?> { ["Storage:MaxEventsPerRun"] = "1000000" };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        const int warmups = 2;
        const int measured = 7;
        var plan = TestRuns.HelloPlan(tasks: 10_000, repeat: warmups + measured, StrategyIds.Async) with { Warmup = 0 };
        var finished = TestRuns.Finished(1, plan);
        await host.Store.SaveStateAsync(finished with { State = RunState.Running, EndedAt = null, Results = [] }, TestContext.Timeout);
        var times = new double[measured];
        for (var i = 0; i < warmups + measured; i++)
        {
            var going = finished with { State = RunState.Running, EndedAt = null, Results = [.. finished.Results.Take(i + 1)] };
            var watch = Stopwatch.StartNew();
            await host.Store.AppendResultAsync(going, i, TestContext.Timeout);
            if (i >= warmups)
            {
                times[i - warmups] = watch.Elapsed.TotalMilliseconds;
            }
        }

        var end = Stopwatch.StartNew();
        await host.Store.SaveAsync(finished, null, false, TestContext.Timeout);
        var endMs = end.Elapsed.TotalMilliseconds;

        var stored = await host.Store.GetAsync(1, TestContext.Timeout);
        Assert.Equal(Enumerable.Repeat(10_000, warmups + measured), stored!.Run.Results.Select(r => r.Spans.Count));
        output.WriteLine(Invariant($"append one 10,000-task repetition (row + 10,000 spans) while the run goes: median {Median(times):0.0} ms (min {times.Min():0.0}, max {times.Max():0.0}), after 2 warm-up appends"));
        output.WriteLine(Invariant($"end of a {warmups + measured}-repetition run whose repetitions are all stored (run row only): {endMs:0.0} ms"));
    }

    [BenchmarkFact]
    public async Task ListAsync_HistoryOfThousandRuns_ReturnsNewestPageAndReportsTime()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        var plan = TestRuns.HelloPlan(tasks: 20, repeat: 3, StrategyIds.Sequential, StrategyIds.Async);
        var fill = Stopwatch.StartNew();
        for (var id = 1; id <= 1_000; id++)
        {
            await host.Store.SaveAsync(TestRuns.Finished(id, plan, id % 10 == 0 ? RunState.Failed : RunState.Completed), null, false, TestContext.Timeout);
        }

        var fillMs = fill.Elapsed.TotalMilliseconds;
        var first = await Time(() => host.Store.ListAsync(RunFilter.All, 0, 50, TestContext.Timeout));
        var filtered = await Time(() => host.Store.ListAsync(new RunFilter("hello", RunState.Failed), 0, 50, TestContext.Timeout));
        var deep = await Time(() => host.Store.ListAsync(RunFilter.All, 950, 50, TestContext.Timeout));

        Assert.Equal(1_000, first.Page.Total);
        Assert.Equal(Enumerable.Range(951, 50).Reverse().Select(i => (long)i), first.Page.Items.Select(r => r.Id));
        Assert.Equal(100, filtered.Page.Total);
        Assert.Equal(50, deep.Page.Items.Count);
        Assert.Equal(["sequential", "async"], first.Page.Items[0].MedianWallSeconds.Keys);
        output.WriteLine(Invariant($"filled 1,000 runs ({plan.Parameters.TaskCount * 8} spans each) in {fillMs / 1000:0.0} s ({fillMs / 1000:0.00} ms per run)"));
        output.WriteLine(Invariant($"history list, 1,000 runs, newest 50: median {first.Median:0.00} ms"));
        output.WriteLine(Invariant($"history list, filtered (workload + state), 50: median {filtered.Median:0.00} ms"));
        output.WriteLine(Invariant($"history list, skip 950 take 50: median {deep.Median:0.00} ms"));
    }

    private static async Task<(RunPage Page, double Median)> Time(Func<Task<RunPage>> list)
    {
        var page = await list(); // warm up
        var times = new double[11];
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            page = await list();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        return (page, Median(times));
    }

    private long DatabaseBytes()
    {
        var file = Path.Combine(_folder.Path, StorageOptions.SqliteFileName);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Move the write-ahead log into the main file so its size is the data's size.
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        return new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
