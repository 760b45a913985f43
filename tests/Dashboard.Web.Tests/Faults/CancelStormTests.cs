using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Faults;

/// <summary>Runs cancelled at random moments leave nothing behind.</summary>
[Collection(FaultsCollection.Name)]
public sealed class CancelStormTests(ITestOutputHelper output)
{
    private const int Runs = 20;
    private const int Seed = 20261201;
    private const int TasksPerRun = 6;
    private const int TaskMs = 1_000;

    // Three strategies of six 1 s tasks take at least 3 x 1 s (all six at once), so a cancel within
    // 2 s of the enqueue always finds the run queued or running: in its first strategy, between
    // strategies or in the second one.
    private const int StrategiesPerRun = 3;
    private const int MaxCancelDelayMs = 2_000;

    /// <summary>
    /// The test process's threads may grow by this much over the storm (the thread pool grows and
    /// shrinks on its own); the engine's task threads are checked by name, strictly.
    /// </summary>
    private const int ThreadMargin = 25;

    [Fact]
    public async Task CancelTwentyRuns_AtRandomMoments_EachEndsCancelledWithEventsClosedNoWorkerOrTaskThreadLeft()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var app = FaultApp.Start();
        app.Knobs.Update(k => new SimulationKnobsUpdate(GenreLatencyMs: TaskMs, PageLatencyMs: TaskMs, JitterMs: 0, PageSizeKb: 8).ApplyTo(k));
        var random = new Random(Seed);
        var baselineThreads = ProcessProbe.ThreadCount();
        var labThreadsSeen = 0;

        for (var i = 0; i < Runs; i++)
        {
            WorkloadParameters parameters = (i % 3) switch
            {
                0 => new HelloParameters(TasksPerRun, "Cancel", TaskMs),
                1 => new ScrapeParameters(TasksPerRun),
                _ => new GenreParameters(TasksPerRun),
            };
            var strategies = StrategyCatalog.DefaultIds.OrderBy(_ => random.Next()).Take(StrategiesPerRun).ToArray();
            var cancelAfter = TimeSpan.FromMilliseconds(random.Next(MaxCancelDelayMs + 1));
            var what = $"run {i + 1}/{Runs} (seed {Seed}): {parameters.Workload} [{string.Join(", ", strategies)}] cancelled after {cancelAfter.TotalMilliseconds} ms";

            var summary = app.Queue.Enqueue(new RunPlan(parameters, strategies, Options: new StrategyOptions(ProcessCount: 2)));
            var seenPids = new HashSet<int>();
            var watching = app.WatchAsync(summary.Id, e =>
            {
                if (e is { Type: WireEventConverter.TaskType, Kind: "started" })
                {
                    // Samples while tasks run, so the "no lab thread left" check below is not vacuous.
                    labThreadsSeen = Math.Max(labThreadsSeen, ProcessProbe.LabThreads().Count);
                }
            }, timeout.Token);
            await Task.Delay(cancelAfter, timeout.Token);
            foreach (var child in ProcessProbe.Children())
            {
                seenPids.Add(int.Parse(child.AsSpan(0, child.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.True(app.Queue.Cancel(summary.Id), $"{what}: the cancel found the run already finished");
            var run = await watching;

            Assert.True(run.Summary.State == RunState.Cancelled, $"{what}: ended {run.Summary.State} ({run.Summary.Error})");
            Assert.True(run.Summary.EndedAt is not null, $"{what}: no end time");
            RunAssert.EveryTaskAccountedFor(run, TasksPerRun);
            if (run.Summary.Results.Count > 0)
            {
                Assert.True(run.Summary.Results[^1].Cancelled, $"{what}: the last strategy is not marked cancelled");
            }

            var workersGone = await RunAssert.NoWorkerLeftAsync(run, seenPids);
            var threadsGone = await RunAssert.NoLabThreadLeftAsync(run);
            output.WriteLine(
                $"{what}: {run.Summary.Results.Count} strategies started, workers {string.Join(",", run.WorkerPids.Concat(seenPids).Distinct())}; " +
                $"after the end workers gone in {workersGone.TotalMilliseconds:0} ms, lab threads in {threadsGone.TotalMilliseconds:0} ms");
        }

        Assert.True(labThreadsSeen > 0, "never saw an engine thread by name while tasks ran: the thread check would prove nothing");
        var threads = ProcessProbe.ThreadCount();
        output.WriteLine($"threads: {baselineThreads} before, {threads} after; most lab threads seen at once: {labThreadsSeen}");
        Assert.True(threads <= baselineThreads + ThreadMargin,
            $"the process has {threads} threads after the storm, {baselineThreads} before (margin {ThreadMargin})");
    }
}
