using System.Diagnostics;
using System.Globalization;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// A stored 1,000,000-task run exported through the API in each span format, the response read
/// and discarded as it arrives: bytes, time, and the process's peak managed heap during the export
/// above its level before (sampled every 5 ms; server and client share this process, the client
/// keeps nothing). Figures only. BENCH=1 dotnet test tests/Dashboard.Web.Tests --filter
/// FullyQualifiedName~StreamedExportBenchmarks --logger "console;verbosity=detailed"
/// (BENCH_FORMATS=trace,json picks formats).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StreamedExportBenchmarks(ITestOutputHelper output)
{
    private const int Tasks = 1_000_000;
    private const long RunId = 900_002;

    [BenchmarkFact]
    public async Task ExportRun_StoredMillionTaskRun_PrintsPeakManagedMemoryPerFormat()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["Storage:MaxEventsPerRun"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        factory.StartServer();
        await factory.Services.GetRequiredService<IRunStore>().SaveAsync(RealisticRuns.Finished(RunId, Tasks), null, false, TestContext.Timeout);
        using var client = factory.CreateSignedInClient(TimeSpan.FromMinutes(10));
        var formats = Environment.GetEnvironmentVariable("BENCH_FORMATS")?.Split(',', StringSplitOptions.RemoveEmptyEntries)
            ?? ["csv?table=spans", "json", "otlp", "trace"];
        foreach (var format in formats)
        {
            long bytes = 0;
            double seconds;
            var heap = ManagedHeapPeak.Start();
            await using (heap)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync($"/api/runs/{RunId}/export/{format}", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    bytes += read;
                }

                seconds = watch.Elapsed.TotalSeconds;
            }

            Print(string.Create(CultureInfo.InvariantCulture,
                $"export {format} of a stored {Tasks:N0}-task run: {bytes / 1048576.0:0.0} MiB in {seconds:0.0} s; managed heap before {heap.Before / 1048576.0:0} MiB, peak during {heap.Peak / 1048576.0:0} MiB (+{(heap.Peak - heap.Before) / 1048576.0:0} MiB)"));
        }
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
