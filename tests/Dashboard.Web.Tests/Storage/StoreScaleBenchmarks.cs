using System.Diagnostics;
using System.Globalization;
using Dashboard.Web.Storage;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// The store at a classroom's and a million tasks' scale, on a real SQLite file: bytes per
/// million stored spans (realistic spans, <see cref="RealisticRuns"/>), time to store them, and
/// the time to load a 20-task and a 100,000-task run (GetAsync, what the run page and the API
/// read). Figures only. BENCH=1 dotnet test tests/Dashboard.Web.Tests --filter
/// FullyQualifiedName~StoreScaleBenchmarks --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StoreScaleBenchmarks(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [BenchmarkFact]
    public async Task SaveAndGet_MillionTwentyAndHundredThousandTaskRuns_PrintsBytesPerMillionAndLoadTimes()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MaxEventsPerRun"] = "1000000" };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        var empty = DatabaseBytes();
        var million = RealisticRuns.Finished(1, 1_000_000);
        var save = Stopwatch.StartNew();
        await host.Store.SaveAsync(million, null, false, TestContext.Timeout);
        var saveMs = save.Elapsed.TotalMilliseconds;
        var perMillion = DatabaseBytes() - empty;
        million = null;

        var small = TestRuns.Finished(2, TestRuns.HelloPlan(tasks: 20, repeat: 3));
        await host.Store.SaveAsync(small, null, false, TestContext.Timeout);
        await host.Store.SaveAsync(RealisticRuns.Finished(3, 100_000), null, false, TestContext.Timeout);

        var smallMs = await MedianLoadAsync(host.Store, 2, 21, expectedSpans: 160);
        var largeMs = await MedianLoadAsync(host.Store, 3, 7, expectedSpans: 100_000);
        Print(Invariant($"store 1,000,000 realistic spans (one async repetition): {saveMs / 1000:0.00} s; SQLite file growth {perMillion / 1048576.0:0.0} MiB ({perMillion / 1e6:0.0} bytes/span)"));
        Print(Invariant($"load (GetAsync) a 20-task run (2 strategies x 4 repetitions, 160 spans): median {smallMs:0.00} ms"));
        Print(Invariant($"load (GetAsync) a 100,000-task run (100,000 spans): median {largeMs:0.0} ms"));
    }

    private static async Task<double> MedianLoadAsync(IRunStore store, long id, int times, int expectedSpans)
    {
        var stored = await store.GetAsync(id, TestContext.Timeout); // warm up
        Assert.Equal(expectedSpans, stored!.Run.Results.Sum(r => r.Spans.Count));
        var ms = new double[times];
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            stored = await store.GetAsync(id, TestContext.Timeout);
            ms[i] = watch.Elapsed.TotalMilliseconds;
            Assert.Equal(expectedSpans, stored!.Run.Results.Sum(r => r.Spans.Count));
        }

        return ms.Order().ElementAt(times / 2);
    }

    private long DatabaseBytes()
    {
        var file = Path.Combine(_folder.Path, StorageOptions.SqliteFileName);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The write-ahead log moved into the main file, so the file's size is the data's size.
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        return new FileInfo(file).Length;
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
