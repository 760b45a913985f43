using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Dashboard.Web.Explain;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// A stored 1,000,000-task run (every span kept) reopened as a person does, through the real
/// server: its page (GET /runs/{id}, which reads the run and computes its analysis once) and its
/// timelines' counts (<see cref="RunTallyCache"/>, what the interactive page replays), then one
/// 10,000-task window (GET /api/runs/{id}/tasks). Time and the process's peak managed heap above
/// its level before each step. Figures only. BENCH=1 dotnet test tests/Dashboard.Web.Tests
/// --filter FullyQualifiedName~StoredLargeRunBenchmarks --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StoredLargeRunBenchmarks(ITestOutputHelper output)
{
    private const int Tasks = 1_000_000;
    private const long RunId = 900_003;

    [BenchmarkFact]
    public async Task OpenPageAndWindow_StoredMillionTaskRun_PrintsTimeAndPeakManagedMemory()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["Storage:MaxEventsPerRun"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        factory.StartServer();
        await factory.Services.GetRequiredService<IRunStore>().SaveAsync(RealisticRuns.Finished(RunId, Tasks), null, false, TestContext.Timeout);
        // A browser's cookie sign-in, with the patience a million-task page may need on a busy machine.
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = factory.BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        using (var login = await browser.GetAsync(new Uri($"/login?t={Uri.EscapeDataString(factory.Token)}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        }
        using var api = factory.CreateSignedInClient(TimeSpan.FromMinutes(10));

        var heap = ManagedHeapPeak.Start();
        var watch = Stopwatch.StartNew();
        double pageSeconds;
        await using (heap)
        {
            using var page = await browser.GetAsync(new Uri($"/runs/{RunId}", UriKind.Relative));
            page.EnsureSuccessStatusCode();
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("1,000,000", html, StringComparison.Ordinal);
            pageSeconds = watch.Elapsed.TotalSeconds;
            var view = await factory.Services.GetRequiredService<RunHistory>().FindForExportAsync(RunId, TestContext.Timeout);
            var tallies = factory.Services.GetRequiredService<RunTallyCache>().Get(view!.Run);
            Assert.NotEmpty(tallies);
        }

        Print(Invariant($"open the page of a stored {Tasks:N0}-task run (GET /runs/{{id}} then its tallies): page {pageSeconds:0.00} s, with tallies {watch.Elapsed.TotalSeconds:0.00} s; managed heap before {heap.Before / 1048576.0:0} MiB, peak +{(heap.Peak - heap.Before) / 1048576.0:0} MiB; analyses computed {factory.Services.GetRequiredService<RunAnalysisCache>().Computations}"));

        foreach (var query in new[] { "first=500000&last=509999", "from=1.5&to=1.525" })
        {
            heap = ManagedHeapPeak.Start();
            watch.Restart();
            int count;
            await using (heap)
            {
                using var response = await api.GetAsync(new Uri($"/api/runs/{RunId}/tasks?strategy=async&{query}", UriKind.Relative));
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                count = json.RootElement.GetProperty("count").GetInt32();
            }

            Print(Invariant($"read a window ({query}) of the stored {Tasks:N0}-task run: {count:N0} tasks in {watch.Elapsed.TotalSeconds:0.00} s; managed heap peak +{(heap.Peak - heap.Before) / 1048576.0:0} MiB"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
