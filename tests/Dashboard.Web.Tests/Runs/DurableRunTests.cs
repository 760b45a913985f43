using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>Runs stored as they go, observed transitions, and the wall-clock limit, in the real app.</summary>
public sealed class DurableRunTests
{
    [Fact]
    public async Task StrategyCompleted_RunStillGoing_RepetitionRowsAndSpansAlreadyStored()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var runner = new ScriptedLabRunner();
        await using var factory = new DashboardFactory(services: s => s.AddSingleton<ILabRunner>(runner));
        factory.StartServer();
        var queue = factory.Services.GetRequiredService<IRunQueue>();
        var store = factory.Services.GetRequiredService<IRunStore>();
        var summary = queue.Enqueue(HelloPlan(tasks: 5, 10, "sequential", "async"));
        var scripted = await runner.NextStartedAsync(ct);
        var first = TestRuns.Result("sequential", 0, 5, 0.5);
        scripted.Write(LabEvents.Started("sequential", 5));
        scripted.Write(new StrategyCompleted(first));

        var stored = await WaitForStoredResultsAsync(store, summary.Id, 1, ct);

        Assert.Equal(RunState.Running, queue.Find(summary.Id)!.State);
        Assert.Equal(RunState.Running, stored.Run.State);
        Assert.Equal(first with { Spans = [] }, stored.Run.Results.Single() with { Spans = [] });
        Assert.Equal(first.Spans, stored.Run.Results.Single().Spans);
        Assert.Equal((5, 5), (stored.StoredEventCount, stored.TotalEventCount));

        var second = TestRuns.Result("async", 0, 5, 0.25);
        scripted.Write(LabEvents.Started("async", 5));
        scripted.Write(new StrategyCompleted(second));
        scripted.Complete([first, second]);
        await CollectAsync(factory.Services.GetRequiredService<IRunFeed>().WatchAsync(summary.Id, ct), ct);
        await SavedAsync(factory.Services, summary.Id, ct);

        var final = await store.GetAsync(summary.Id, ct);
        Assert.NotNull(final);
        Assert.Equal(RunState.Completed, final.Run.State);
        Assert.Equal(["sequential", "async"], final.Run.Results.Select(r => r.Strategy));
        Assert.Equal((10, 10), (final.StoredEventCount, final.TotalEventCount));
        Assert.NotNull(final.Environment);
    }

    [Fact]
    public async Task Queue_RunRunsToTheEnd_ObserverHearsEveryTransitionInOrder()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var runner = new ScriptedLabRunner();
        var observer = new RecordingObserver();
        await using var factory = new DashboardFactory(services: s =>
        {
            s.AddSingleton<ILabRunner>(runner);
            s.AddSingleton<IRunObserver>(observer);
        });
        factory.StartServer();
        var queue = factory.Services.GetRequiredService<IRunQueue>();
        var ran = queue.Enqueue(HelloPlan(tasks: 1));
        var scripted = await runner.NextStartedAsync(ct);
        var waiting = queue.Enqueue(HelloPlan(tasks: 1));
        Assert.True(queue.Cancel(waiting.Id));
        scripted.Write(LabEvents.Completed("sequential", 1));
        scripted.Complete([LabEvents.Completed("sequential", 1).Result]);
        await CollectAsync(factory.Services.GetRequiredService<IRunFeed>().WatchAsync(ran.Id, ct), ct);
        await SavedAsync(factory.Services, ran.Id, ct);

        Assert.Equal(
            [(null, RunState.Queued), (RunState.Queued, RunState.Running), (RunState.Running, RunState.Completed)],
            observer.Transitions.Where(t => t.Run.Id == ran.Id).Select(t => (t.From, t.To)));
        Assert.Equal(
            [(null, RunState.Queued), (RunState.Queued, RunState.Cancelled)],
            observer.Transitions.Where(t => t.Run.Id == waiting.Id).Select(t => (t.From, t.To)));
        Assert.Equal([(ran.Id, 0)], observer.Repetitions);
    }

    [Fact]
    public async Task RunningRun_PastMaxRunWallSeconds_TimedOutWithMessageStoredAndShownAsTimedOut()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Runs:MaxRunWallSeconds"] = "1" });
        factory.StartServer();
        var queue = factory.Services.GetRequiredService<IRunQueue>();

        // 5 tasks of 2 s one after another: far past the 1 s limit.
        var summary = queue.Enqueue(HelloPlan(tasks: 5, delayMs: 2_000, "sequential"));
        await CollectAsync(factory.Services.GetRequiredService<IRunFeed>().WatchAsync(summary.Id, ct), ct);
        await SavedAsync(factory.Services, summary.Id, ct);

        var final = queue.Find(summary.Id)!;
        Assert.Equal(RunState.TimedOut, final.State);
        Assert.Equal("The run hit its wall-clock limit of 1 s.", final.Error);
        var cut = Assert.Single(final.Results);
        Assert.True(cut.Cancelled);
        Assert.True(cut.TasksOk < 5);
        var stored = await factory.Services.GetRequiredService<IRunStore>().GetAsync(summary.Id, ct);
        Assert.Equal(RunState.TimedOut, stored!.Run.State);
        Assert.Equal(final.Error, stored.Run.Error);

        using var client = factory.CreateSignedInClient();
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{summary.Id}", ct);
        Assert.Equal("timedOut", api.GetProperty("state").GetString());
        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/runs?state=timedOut", ct);
        Assert.Equal(summary.Id, filtered.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Start_OutputFolderOfUnknownRun_FolderRemoved()
    {
        await using var factory = new DashboardFactory();
        var orphan = Path.Combine(factory.DataDirectory, "runs", "4242");
        Directory.CreateDirectory(orphan);
        await File.WriteAllTextAsync(Path.Combine(orphan, "new_file0.txt"), "left behind");
        var notARun = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "runs", "notes")).FullName;

        factory.StartServer();

        Assert.False(Directory.Exists(orphan));
        Assert.True(Directory.Exists(notARun));
    }

    private static async Task<StoredRun> WaitForStoredResultsAsync(IRunStore store, long id, int count, CancellationToken cancellationToken)
    {
        // The recorder writes in the background; there is no event to await from outside.
        while (true)
        {
            if (await store.GetAsync(id, cancellationToken) is { } stored && stored.Run.Results.Count >= count)
            {
                return stored;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private sealed class RecordingObserver : IRunObserver
    {
        private readonly ConcurrentQueue<RunTransition> _transitions = new();
        private readonly ConcurrentQueue<(long, int)> _repetitions = new();

        public IReadOnlyList<RunTransition> Transitions => [.. _transitions];

        public IReadOnlyList<(long RunId, int Ordinal)> Repetitions => [.. _repetitions];

        public void OnTransition(RunTransition transition) => _transitions.Enqueue(transition);

        public Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            _transitions.Enqueue(new RunTransition(RunState.Running, run.Summary));
            return Task.CompletedTask;
        }

        public Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken)
        {
            _repetitions.Enqueue((run.Id, ordinal));
            return Task.CompletedTask;
        }
    }
}
