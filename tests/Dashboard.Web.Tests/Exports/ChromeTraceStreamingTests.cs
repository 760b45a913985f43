using Dashboard.Engine.Running;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Storage;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// The Chrome trace of a stored run written as it streams (each repetition's blob decoded once per
/// batch of items, only the batch's rows built: <see cref="ChromeTraceSpans"/>) is the trace of the
/// same run held whole, byte for byte: tracks, overlap levels, segments and flow arrows alike.
/// </summary>
public sealed class ChromeTraceStreamingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Runs => ["realistic", "regular"];

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Write_StoredRunStreamed_IsByteForByteTheTraceOfTheRunHeldWhole(string shape)
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        var run = Shape(shape);
        await host.Store.SaveAsync(run, null, false, TestContext.Timeout);

        var whole = (await host.Store.GetAsync(run.Id, TestContext.Timeout))!.Run;
        var streamed = (await host.Store.GetForExportAsync(run.Id, TestContext.Timeout))!.Run;
        var expected = ChromeTrace.ToUtf8Bytes(whole);

        Assert.Equal(expected, ChromeTrace.ToUtf8Bytes(streamed));
        Assert.True(expected.Length > 1_000);
    }

    [Fact]
    public async Task InOrder_SmallBatchesOfAStoredRun_YieldTheSpansOfEveryItemInTrackOrder()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        var run = Shape("realistic");
        await host.Store.SaveAsync(run, null, false, TestContext.Timeout);
        var streamed = (await host.Store.GetForExportAsync(run.Id, TestContext.Timeout))!.Run.Results;
        var whole = (await host.Store.GetAsync(run.Id, TestContext.Timeout))!.Run.Results;
        var layout = ChromeTraceLayout.Build(streamed);

        // 777 does not divide the chunk size nor the run: batches cut chunks, lanes and repetitions.
        var read = ChromeTraceSpans.InOrder(streamed, layout.Items, batchSize: 777).ToList();

        Assert.Equal(layout.Items, read.Select(r => r.Item));
        Assert.Equal(layout.Items.Select(i => Key(whole[i.Result].Spans[i.Span])), read.Select(r => Key(r.Span)));
        Assert.Equal(run.Results.Sum(r => r.Spans.Count), read.Select(r => (r.Item.Result, r.Span.Task)).Distinct().Count());
    }

    private static (int Task, Lane Lane, double Start, double End, string? Detail, int Segments) Key(TaskSpan span) =>
        (span.Task, span.Lane, span.Start, span.End, span.Detail, span.Segments?.Count ?? 0);

    /// <summary>
    /// "realistic": two async repetitions of 6,000 hopping tasks (more than a chunk each, overlap
    /// levels, flows); "regular": sequential and async, 20 tasks, a warm-up and 3 repetitions each (ties, lanes shared).
    /// </summary>
    private static RunSummary Shape(string shape)
    {
        if (shape == "regular")
        {
            return TestRuns.Finished(2, TestRuns.HelloPlan(tasks: 20, repeat: 3));
        }

        var run = RealisticRuns.Finished(1, 6_000);
        return run with { Results = [run.Results[0], RealisticRuns.Result(run.Results[0].Strategy, 1, 6_000, seed: 8)] };
    }
}
