using System.Globalization;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// Ten pages holding a stored 1,000,000-task run at once (what each page of a large run reads:
/// <see cref="RunHistory.FindForExportAsync"/>), with the app's <see cref="SharedStoredRuns"/> and
/// with a history that reads afresh for each, interleaved: the managed heap they hold (after a
/// full collection) and the time the ten reads took. Figures only.
/// BENCH=1 dotnet test tests/Dashboard.Web.Tests --filter FullyQualifiedName~SharedStoredRunsBenchmarks.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class SharedStoredRunsBenchmarks(ITestOutputHelper output)
{
    private const int Tasks = 1_000_000;
    private const int Pages = 10;

    [BenchmarkFact]
    public async Task TenPages_StoredMillionTaskRun_PrintsHeldHeapSharedAndNot()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["Storage:MaxEventsPerRun"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        var services = factory.Services;
        await services.GetRequiredService<IRunStore>().SaveAsync(RealisticRuns.Finished(7, Tasks), null, false, TestContext.Timeout);
        var shared = services.GetRequiredService<RunHistory>();
        var own = new RunHistory(services.GetRequiredService<IRunQueue>(), services.GetRequiredService<RunQueue>(),
            services.GetRequiredService<IRunStore>(), TimeProvider.System, NullLogger<RunHistory>.Instance);
        foreach (var (name, history) in new[] { ("own reads", own), ("shared", shared), ("own reads", own), ("shared", shared) })
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var views = new List<RunView?>();
            for (var i = 0; i < Pages; i++)
            {
                views.Add(await history.FindForExportAsync(7, TestContext.Timeout));
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            Print(string.Create(CultureInfo.InvariantCulture,
                $"{Pages} pages on a stored {Tasks:N0}-task run, {name}: {views.Select(v => v!).Distinct().Count()} distinct reads, held +{held / 1048576.0:0.0} MiB, reads {seconds:0.00} s"));
            GC.KeepAlive(views);
        }
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
