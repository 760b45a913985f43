using System.Diagnostics;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>The run service with the real engine, real worker processes and the app's own simulated targets.</summary>
public sealed class RunServiceTests : IAsyncLifetime
{
    private DashboardFactory _factory = null!;

    private IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    private IRunFeed Feed => _factory.Services.GetRequiredService<IRunFeed>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["Simulation:GenreLatencyMs"] = "20",
        });
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Enqueue_HelloRun_WatcherGetsEveryTaskOnceAndTheFinishedRun()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 20, delayMs: 20, "sequential", "async"), "hello test");

        var messages = await CollectAsync(Feed.WatchAsync(summary.Id, ct), ct);

        var events = Flatten(messages);
        AssertSeqIsGapless(events);
        foreach (var strategy in new[] { "sequential", "async" })
        {
            var tasks = events.Where(e => e.Strategy == strategy && e.Type == "task").ToList();
            Assert.Equal(Enumerable.Range(0, 20), tasks.Where(e => e.Kind == "started").Select(e => e.Task).Order());
            Assert.Equal(Enumerable.Range(0, 20), tasks.Where(e => e.Kind == "completed").Select(e => e.Task).Order());
            Assert.Single(events, e => e.Strategy == strategy && e.Type == "strategy-started");
            Assert.Single(events, e => e.Strategy == strategy && e.Type == "strategy-completed");
            Assert.All(tasks, e => Assert.InRange(e.Time, 0, 30));
        }

        var final = Assert.IsType<RunFeedBatch>(messages[^1]).Run!;
        Assert.Equal(RunState.Completed, final.State);
        Assert.Equal("hello test", final.Label);
        Assert.Equal(["sequential", "async"], final.Results.Select(r => r.Strategy));
        Assert.All(final.Results, r => Assert.Equal((20, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck)));
        Assert.True(final.StartedAt <= final.EndedAt);
    }

    [Fact]
    public async Task Enqueue_GenreRun_FilesInRunFolderAndAsyncEventsArriveInBatches()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(new RunPlan(new GenreParameters(20), ["async", "threads"]));

        var messages = await CollectAsync(Feed.WatchAsync(summary.Id, ct), ct);

        var final = Queue.Find(summary.Id)!;
        Assert.Equal(RunState.Completed, final.State);
        Assert.All(final.Results, r => Assert.Equal((20, "ok"), (r.TasksOk, r.OutputCheck)));
        var folder = Path.Combine(_factory.DataDirectory, "runs", summary.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(20, Directory.GetFiles(folder, "new_file*.txt").Length);

        // 20 requests answered together after 20 ms: their events land in a few batches, not 40+ messages.
        var events = Flatten(messages);
        Assert.Equal(2 * ((20 * 2) + 2), events.Count(e => e.Kind is "started" or "completed" || e.Type is not ("task" or "counters")));
        Assert.Contains(messages.OfType<RunFeedBatch>(), b => b.Events.Count > 1);
        Assert.True(messages.Count < events.Count, $"{messages.Count} messages for {events.Count} events.");
    }

    [Fact]
    public async Task Enqueue_TwoRuns_SecondStartsAfterFirstEnds()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var first = Queue.Enqueue(HelloPlan(tasks: 5, delayMs: 40, "sequential"));
        var second = Queue.Enqueue(HelloPlan(tasks: 5, delayMs: 40, "sequential"));
        Assert.True(second.Id > first.Id);

        var secondEvents = Flatten(await CollectAsync(Feed.WatchAsync(second.Id, ct), ct));
        var firstEvents = Flatten(await CollectAsync(Feed.WatchAsync(first.Id, ct), ct));

        var a = Queue.Find(first.Id)!;
        var b = Queue.Find(second.Id)!;
        Assert.Equal((RunState.Completed, RunState.Completed), (a.State, b.State));
        Assert.True(b.StartedAt >= a.EndedAt, $"second started {b.StartedAt:O}, first ended {a.EndedAt:O}");
        Assert.True(secondEvents.Min(e => e.WallMs) > firstEvents.Max(e => e.WallMs));
    }

    [Fact]
    public async Task Cancel_RunningProcessesRun_CancelledAndWorkersGone()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 20, delayMs: 5_000, "processes"));
        var workerPids = new HashSet<int>();
        var cancelled = false;
        var messages = new List<RunFeedMessage>();
        await foreach (var message in Feed.WatchAsync(summary.Id, ct))
        {
            messages.Add(message);
            foreach (var e in Flatten([message]).Where(e => e.Kind == "started"))
            {
                workerPids.Add(Lane.Parse(e.Lane!).ProcessId);
            }

            // Every worker has started a task: now they are surely alive, mid-sleep.
            if (!cancelled && workerPids.Count == Environment.ProcessorCount)
            {
                Assert.True(Queue.Cancel(summary.Id));
                cancelled = true;
            }
        }

        Assert.True(cancelled, "no task ever started in a worker");
        Assert.DoesNotContain(Environment.ProcessId, workerPids);
        var final = Queue.Find(summary.Id)!;
        Assert.Equal(RunState.Cancelled, final.State);
        Assert.Equal(RunState.Cancelled, Assert.IsType<RunFeedBatch>(messages[^1]).Run!.State);
        Assert.All(workerPids, pid => Assert.False(IsAlive(pid), $"worker {pid} is still running"));
        Assert.False(Queue.Cancel(summary.Id));
    }

    [Fact]
    public void Enqueue_InvalidPlan_ThrowsWithFieldMessages()
    {
        var ex = Assert.Throws<InvalidParametersException>(() => Queue.Enqueue(HelloPlan(tasks: 0, delayMs: 10, "sequential", "warp-drive")));
        Assert.Contains("tasks", ex.Errors.Keys);
        Assert.Contains("warp-drive", string.Join(" ", ex.Errors["strategies"]), StringComparison.Ordinal);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
