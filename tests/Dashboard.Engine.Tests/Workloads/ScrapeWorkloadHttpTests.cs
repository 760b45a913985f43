using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>The scrape workload against the real simulated targets over loopback HTTP.</summary>
[Collection(SimTargetsCollection.Name)]
public sealed class ScrapeWorkloadHttpTests(SimTargetsFixture sim) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        sim.SetKnobs(k => k);
        _dir.Dispose();
    }

    private IWorkload Create(int pages) =>
        WorkloadFactory.Create(new ScrapeParameters(pages), sim.Environment(_dir.Path));

    private string[] TitlesInFile()
    {
        var text = File.ReadAllText(_dir.File("wiki_titles.tsv"));
        Assert.EndsWith("\t", text, StringComparison.Ordinal);
        return text[..^1].Split('\t');
    }

    [Fact]
    public async Task RunAsync_ManyPagesAtOnce_WritesExactlyNTitlesMatchingTheOutputs()
    {
        const int Pages = 40;
        using var workload = Create(Pages);
        workload.Prepare();

        var titles = await Task.WhenAll(Enumerable.Range(0, Pages)
            .Select(i => workload.RunAsync(new TaskContext(i, null, CancellationToken.None)).AsTask()));

        var inFile = TitlesInFile();
        Assert.Equal(Pages, inFile.Length);
        Assert.Equal(titles.Order(StringComparer.Ordinal), inFile.Order(StringComparer.Ordinal));
        Assert.All(inFile, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal("ok", workload.Check(titles.Select((t, i) => (t, i)).ToDictionary(x => x.i, x => x.t)));
    }

    [Fact]
    public async Task RunAndRunAsync_BlockingThreadsAndAsyncTogether_WriteExactlyNTitles()
    {
        const int Pages = 30;
        using var workload = Create(Pages);
        workload.Prepare();
        var outputs = new ConcurrentDictionary<int, string>();

        var threads = Enumerable.Range(0, Pages / 2)
            .Select(i => new Thread(() => outputs[i] = workload.Run(new TaskContext(i, null, CancellationToken.None))))
            .ToList();
        threads.ForEach(t => t.Start());
        await Task.WhenAll(Enumerable.Range(Pages / 2, Pages - (Pages / 2)).Select(async i =>
            outputs[i] = await workload.RunAsync(new TaskContext(i, null, CancellationToken.None))));
        threads.ForEach(t => t.Join());

        Assert.Equal(Pages, TitlesInFile().Length);
        Assert.Equal("ok", workload.Check(outputs));
    }

    [Fact]
    public async Task RunAndRunAsync_HundredKilobytePage_ReportBytesReadInSteps()
    {
        sim.SetKnobs(k => k with { PageSizeKb = 100 });
        using var workload = Create(2);
        workload.Prepare();
        var blocking = new ConcurrentQueue<string>();
        var async = new ConcurrentQueue<string>();

        workload.Run(new TaskContext(0, blocking.Enqueue, CancellationToken.None));
        await workload.RunAsync(new TaskContext(1, async.Enqueue, CancellationToken.None));

        foreach (var reports in new[] { blocking, async })
        {
            var bytes = reports.Select(r =>
            {
                Assert.StartsWith("bytes ", r, StringComparison.Ordinal);
                return long.Parse(r.AsSpan(6), CultureInfo.InvariantCulture);
            }).ToList();

            // ~100 KB in 32 KB steps: a handful of reports, not one per socket read.
            Assert.InRange(bytes.Count, 3, 5);
            Assert.True(bytes[^1] >= 90 * 1024, $"last report {bytes[^1]}");
            for (var i = 1; i < bytes.Count - 1; i++)
            {
                Assert.True(bytes[i] - bytes[i - 1] >= 32 * 1024, string.Join(", ", bytes));
            }
        }
    }

    [Fact]
    public async Task RunAndRunAsync_PageFails_ThrowHttp500NamingTheArticleAndAppendNothing()
    {
        sim.SetKnobs(k => k with { FailureRate = 1 });
        using var workload = Create(2);
        workload.Prepare();

        var blocking = Assert.Throws<HttpRequestException>(() => workload.Run(new TaskContext(0, null, CancellationToken.None)));
        var async = await Assert.ThrowsAsync<HttpRequestException>(() => workload.RunAsync(new TaskContext(1, null, CancellationToken.None)).AsTask());

        // The redirect was followed: the failing page is the article, not /wiki/random.
        Assert.StartsWith("HTTP 500 Internal Server Error from /sim/wiki/", blocking.Message, StringComparison.Ordinal);
        Assert.StartsWith("HTTP 500 Internal Server Error from /sim/wiki/", async.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/sim/wiki/random", async.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("wiki_titles.tsv")));
        Assert.Equal("ok", workload.Check(new Dictionary<int, string>()));
    }

    [Fact]
    public async Task RunAsync_SomePagesFail_FileHoldsExactlyTheSucceededTitles()
    {
        sim.SetKnobs(k => k with { FailureRate = 0.5 });
        const int Pages = 40;
        using var workload = Create(Pages);
        workload.Prepare();

        var attempts = Enumerable.Range(0, Pages)
            .Select(i => workload.RunAsync(new TaskContext(i, null, CancellationToken.None)).AsTask())
            .ToList();
        await Task.WhenAll(attempts.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));

        var succeeded = attempts.Select((a, i) => (a, i)).Where(x => x.a.IsCompletedSuccessfully).ToDictionary(x => x.i, x => x.a.Result);
        Assert.All(attempts.Where(a => a.IsFaulted), a =>
            Assert.StartsWith("HTTP 500 Internal Server Error from /sim/wiki/", a.Exception!.InnerException!.Message, StringComparison.Ordinal));
        Assert.Equal(succeeded.Count, File.Exists(_dir.File("wiki_titles.tsv")) ? TitlesInFile().Length : 0);
        Assert.Equal("ok", workload.Check(succeeded));
    }
}
